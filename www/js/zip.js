// ZIP files made in the browser, for "Download the three files" and "Make all key pairs": the
// files are put in a ZIP by client-zip (a small, well-kept streaming ZIP writer; no
// compression, which PEM and JSON files of a few kilobytes do not need), loaded only when a ZIP
// is made. `cargo xtask build` copies it from the npm package into www/vendor/.

/**
 * A ZIP of `files` (`{ name, text }`, names with `/` for folders) as a Blob. Nothing is sent
 * anywhere: the ZIP is made in this tab.
 */
export async function makeZip(files) {
  const { downloadZip } = await import('../vendor/client-zip/index.js');
  const now = new Date();
  const response = downloadZip(files.map(({ name, text }) => ({ name, input: text, lastModified: now })));
  return new Blob([await response.arrayBuffer()], { type: 'application/zip' });
}

/** Makes the browser save `blob` as `filename`. */
export function saveBlob(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  // Clicked without being put in the page: the host page's scripts never see the link.
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
