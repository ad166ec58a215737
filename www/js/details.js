// One PROD application's record, as the page holds it. The core's table of the record's fields
// (crates/ers-rules/src/golive/details.rs) checks and renders it; this one says, for the page,
// each field's name in the pack request (camelCase) and in the project file (snake_case), and
// how the form asks for it. The pack element, the workspace and the store all read it from here.

/**
 * The fields the page handles, in the form's order: `key` in the pack request, `file` in the
 * project file (none: not kept), `typed` when the supplier enters it (kept across plans and
 * saved per application), the form's `label`, `short` name and `hint`, `print`, the column of
 * the printed pack it goes in, and `only`, the one access mode that needs it (left out of the
 * print for the others when empty). `form: false` keeps a field out of the form.
 */
export const DETAILS = [
  { key: 'name', file: 'name', short: 'name', label: 'Application name (4.14)', hint: 'As registered on the developer hub.', wide: true },
  { key: 'organisation', short: 'organisation', label: 'End-user organisation', hint: 'The EUO whose ASID this application is bound to (4.16).' },
  { key: 'asid', file: 'asid', typed: true, short: 'ASID', label: 'ASID (4.16)', hint: 'The 12-digit ASID NHS allocated for it, once you have it (optional).', mono: true, inputmode: 'numeric', print: 'ASID (4.16)' },
  { key: 'appId', file: 'app_id', typed: true, short: 'AppID', label: 'AppID (4.3)', hint: 'From the application’s page on the developer hub (a UUID).', mono: true, print: 'AppID and API key (4.3)' },
  { key: 'apiKey', file: 'api_key', typed: true, short: 'API key', label: 'API key', hint: 'The application’s Key. Never its Secret.', mono: true, print: 'AppID and API key (4.3)' },
  { key: 'kid', file: 'kid', typed: true, short: 'kid', label: 'kid (4.2)', hint: 'The key’s id in the JWKS, e.g. prod-1.', mono: true, print: 'kid and JWKS URL (4.2), callback URL (4.15)' },
  { key: 'thumbprint', file: 'thumbprint', form: false },
  { key: 'jwksUrl', file: 'jwks_url', typed: true, short: 'JWKS URL', label: 'JWKS URL (4.2)', hint: 'A public https address the NHS token server can reach.', mono: true, wide: true, print: 'kid and JWKS URL (4.2), callback URL (4.15)' },
  { key: 'callbackUrl', file: 'callback_url', typed: true, short: 'callback URL', label: 'Callback URL (user-restricted)', hint: 'Where NHS CIS2 sends a signed-in healthcare worker back: an https address with a path. Only a user-restricted application needs one.', mono: true, wide: true, only: 'user-restricted', print: 'kid and JWKS URL (4.2), callback URL (4.15)' },
];

/** `a, b and c`: the short names of `fields`, as a sentence lists them. */
export const namesOf = (fields) => fields.map((d) => d.short).join(', ').replace(/, ([^,]*)$/, ' and $1');

/** What the supplier enters, as a sentence names it: "ASID, AppID, … and callback URL". */
export const TYPED_NAMES = namesOf(DETAILS.filter((d) => d.typed));

/** The fields the supplier enters (pack keys), kept when the same application comes again. */
export const TYPED = DETAILS.filter((d) => d.typed).map((d) => d.key);

/** The fields a project application keeps besides its name (project file keys). */
export const FILE_FIELDS = DETAILS.filter((d) => d.file && d.key !== 'name').map((d) => d.file);

/** The project file's name of a pack field, or undefined when the project does not keep it. */
export const fileKey = (key) => DETAILS.find((d) => d.key === key && d.typed)?.file;
