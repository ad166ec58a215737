// The one way the page reads a file or a paste: under the core's hard limit for that kind of
// input (ers_rules::limits, through the wasm module's `limits()`), checked before anything is
// read, so a 10 MB file chosen by mistake is refused at once with a message naming the limit
// instead of freezing the tab. Every component reads files through `readFileWithin`, and checks
// pasted text with `textWithin` before it goes to the module (the module refuses it anyway).
//
//   import { readFileWithin, textWithin } from '../../js/input-limits.js';
//   const text = await readFileWithin(file, 'jwks');            // or 'pem', 'jwt', 'csv', …
//   const bytes = await readFileWithin(file, 'csv', 'bytes');   // a Uint8Array
//   textWithin(pasted, 'jwks');                                  // throws when over the limit

import { anyModule } from './ers.js';

let limitsOf = null;

/** The limits, keyed 'pem', 'jwt', 'jwks', 'csv', 'plan', 'details', 'project', 'tokenRequest', 'name', 'passphrase'. */
export async function limits() {
  if (limitsOf) return limitsOf;
  const module = await anyModule();
  limitsOf = module.limits();
  return limitsOf;
}

function tooLarge(message) {
  return Object.assign(new Error(message), { name: 'ErsError', code: 'input-too-large' });
}

async function refuseOver(key, bytes) {
  const module = await anyModule();
  const message = module.limitMessage(key, bytes);
  if (message) throw tooLarge(message);
}

/**
 * Reads `file` as text (default) or bytes ('bytes': a Uint8Array) after checking its size
 * against the limit `key`; over it, throws an `ErsError` with code `input-too-large` and the
 * core's message, without reading a byte.
 */
export async function readFileWithin(file, key, as = 'text') {
  await refuseOver(key, file.size);
  if (as === 'bytes') return new Uint8Array(await file.arrayBuffer());
  return file.text();
}

/** The UTF-8 length of `text`, counted without making a copy of it. */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Checks pasted `text` against the limit `key`; resolves to the text, or rejects with an
 * `ErsError` (code `input-too-large`) naming the limit. A UTF-8 character takes at least one
 * byte per UTF-16 unit, so text longer than the limit is refused without counting.
 */
export async function textWithin(text, key) {
  const limit = (await limits())[key];
  if (!limit) throw new Error(`ers-golive: no limit named ${key}`);
  const bytes = text.length > limit.maxBytes || text.length * 3 <= limit.maxBytes ? text.length : utf8Length(text);
  await refuseOver(key, bytes);
  return text;
}

/**
 * Guards a text field against pastes over the limit `key`: such text is taken out of the field
 * at once (a 10 MB textarea alone would keep the page busy laying it out) and `report(message)`
 * says why, naming the limit. Text within the limit is left alone.
 */
export function guardPaste(control, key, report) {
  limits().catch(() => {}); // loaded ahead, so the check below is synchronous
  control.addEventListener('input', () => {
    const limit = limitsOf?.[key];
    if (!limit || control.value.length <= limit.maxBytes) return;
    const bytes = control.value.length;
    control.value = '';
    refuseOver(key, bytes).catch((error) => report(`The pasted text was not kept: ${error.message}`));
  });
}
