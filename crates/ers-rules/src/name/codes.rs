//! The stable diagnostic codes of the application-name checker, one constant per rule, each
//! documented in the manner of ruff's rules: what it does, why, an example, what to use instead.
//!
//! Severity follows one principle. An **error** means the name does not follow the 4.14 pattern
//! `[Supplier name] - [App name] - [Environment] - e-Referral Service, [Access mode]`: a part is
//! missing, unknown, misspelt, in the wrong place, separated wrongly, or contradicts what is being
//! registered. A **warning** means the name follows the pattern but not in the exact form of the
//! Stage 4 examples: one of NHS's own other spellings, a letter case, extra spaces.
//!
//! [`CODES`] lists them all with their severity and an example; the README table is made from it.

use crate::Severity;

/// The name is empty, or only spaces.
///
/// **Why:** 4.14 asks for a name in a set pattern.
///
/// **Example:** `""`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
pub const EMPTY: &str = "ERS-N001";

/// The name is longer than [`MAX_LEN`](super::MAX_LEN) characters. The check stops there.
///
/// **Why:** no NHS limit is published; the examples are about 70 characters. A longer name is
/// a paste gone wrong, and stopping early keeps checking fast whatever is pasted.
///
/// **Example:** a whole e-mail pasted into the field.
///
/// **Use instead:** the five parts only.
pub const TOO_LONG: &str = "ERS-N002";

/// A control character (newline, tab, …) or an invisible one (zero-width space, bidirectional
/// override, byte-order mark, soft hyphen) is in the name.
///
/// **Why:** it cannot be seen, so the name is not what it looks like; bidirectional controls can
/// even make it read differently from how it is stored.
///
/// **Example:** `Acme - Acme Medical System⏎- PROD - …`
///
/// **Use instead:** the same name without it (a line break becomes a space).
pub const CONTROL: &str = "ERS-N003";

/// The name starts or ends with spaces.
///
/// **Why:** the spaces are kept, and the name no longer matches the pattern exactly.
///
/// **Example:** `" Acme - … - e-Referral Service, Application-Restricted "`
///
/// **Use instead:** the name without them.
pub const OUTER_SPACE: &str = "ERS-N004";

/// Two or more spaces in a row, or an unusual space character (no-break space, thin space, …).
///
/// **Why:** the Stage 4 examples use single plain spaces; look-alike spaces make a name that
/// looks right differ from the one NHS types.
///
/// **Example:** `Care Vista  - Care Vista Link - PROD - …`
///
/// **Use instead:** one plain space.
pub const SPACES: &str = "ERS-N005";

/// A separator between parts is not ` - ` (space, hyphen, space): a space is missing on a side,
/// the hyphen is missing or doubled.
///
/// **Why:** the parts are read by their separators; `Acme-Link` reads as one part.
///
/// A hyphen without spaces between the supplier and the app is read as part of a name
/// (`Smith-Jones`), so that case is reported as the app missing (`ERS-N009`).
///
/// **Example:** `Acme - Acme Medical System -PROD-e-Referral Service, Application-Restricted`
///
/// **Use instead:** `Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted`
pub const SEPARATOR: &str = "ERS-N006";

/// A separator is written with a dash that only looks like a hyphen: en dash `–`, em dash `—`,
/// minus sign `−`, Unicode hyphen `‐` and the like (word processors put them in).
///
/// **Why:** the pattern uses the hyphen-minus `-`; a look-alike makes a different name.
///
/// **Example:** `Care Vista – Care Vista Link – PROD – e-Referral Service, User Restricted`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
pub const LOOKALIKE_DASH: &str = "ERS-N007";

/// The supplier name, the first part, is missing.
///
/// **Why:** 4.14's pattern starts with the supplier's name.
///
/// **Example:** `- Care Vista Link - PROD - e-Referral Service, User Restricted`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - …`
pub const SUPPLIER_MISSING: &str = "ERS-N008";

/// The app name is missing: only one part stands before the environment.
///
/// **Why:** 4.14's pattern has the supplier's name and then the app's, separated by ` - `.
///
/// **Example:** `Care Vista Link - PROD - e-Referral Service, User Restricted`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - …`
pub const APP_MISSING: &str = "ERS-N009";

/// The environment is missing.
///
/// **Why:** the name says which environment the application is in; Stage 4 registers in PROD.
///
/// **Example:** `Care Vista - Care Vista Link - e-Referral Service, User Restricted`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
pub const ENV_MISSING: &str = "ERS-N010";

/// The environment is not one of the NHS API platform's: `PROD`, `INT`, `SANDBOX`, `DEV`.
///
/// **Why:** applications are registered in one of those; `UAT` or `Staging` names none.
///
/// **Example:** `Acme - Acme Medical System - UAT - e-Referral Service, Application-Restricted`
///
/// **Use instead:** `… - PROD - …` (Stage 4) or `… - INT - …` (Stage 2).
pub const ENV_UNKNOWN: &str = "ERS-N011";

/// The environment is written as a word (`Production`, `Live`, `Integration`) instead of its
/// token.
///
/// **Why:** the pattern and NHS's examples write the token: `PROD`, `INT`.
///
/// **Example:** `Acme - Acme Medical System - Production - e-Referral Service, …`
///
/// **Use instead:** `Acme - Acme Medical System - PROD - e-Referral Service, …`
pub const ENV_WORD: &str = "ERS-N012";

/// The environment token is not in capitals (`Prod`, `prod`).
///
/// **Why:** NHS's examples write `PROD` and `INT`.
///
/// **Example:** `Care Vista - Care Vista Link - Prod - e-Referral Service, User Restricted`
///
/// **Use instead:** `… - PROD - …`
pub const ENV_CASE: &str = "ERS-N013";

/// The environment is not the one being registered (`--env` / `environment`).
///
/// **Why:** 4.13 selects the environment; a PROD application named `INT` is misleading and is a
/// sign that a Stage 2 name was copied without changing it.
///
/// **Example:** `Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted` with
/// `--env prod`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
pub const ENV_MISMATCH: &str = "ERS-N014";

/// The service name `e-Referral Service` is missing.
///
/// **Why:** 4.14's pattern names the service before the access mode.
///
/// **Example:** `Care Vista - Care Vista Link - PROD, User Restricted`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
pub const SERVICE_MISSING: &str = "ERS-N015";

/// The service name is abbreviated or misspelt (`eRS`, `e-RS`, `ERS`, `eReferral`,
/// `e-Referrals Service`, `NHS e-Referral Service`, `Electronic Referral Service`).
///
/// **Why:** the pattern writes it in full, exactly: `e-Referral Service`.
///
/// **Example:** `Acme - Acme Medical System - PROD - eRS, Application-Restricted`
///
/// **Use instead:** `Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted`
pub const SERVICE_SPELLING: &str = "ERS-N016";

/// The service name is spelt right but in other capitals (`e-referral service`).
///
/// **Why:** NHS writes `e-Referral Service`.
///
/// **Example:** `… - PROD - E-REFERRAL SERVICE, User Restricted`
///
/// **Use instead:** `… - PROD - e-Referral Service, User Restricted`
pub const SERVICE_CASE: &str = "ERS-N017";

/// The access mode follows a hyphen, as on the Stage 2 (INT) page, instead of the comma of the
/// Stage 4 examples. Both are NHS's own; this is a warning that shows the Stage 4 form.
///
/// **Why:** the Stage 4 page, which is the one a PROD name follows, writes
/// `e-Referral Service, User Restricted`; Stage 2 writes `e-Referral Service - User-restricted`.
///
/// **Example:** `Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted`
///
/// **Use instead:** `Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted`
pub const STAGE2_SEPARATOR: &str = "ERS-N018";

/// The comma before the access mode is missing or malformed (`Service User Restricted`,
/// `Service,User Restricted`, `Service ; User Restricted`).
///
/// **Why:** the comma separates the service name from the access mode.
///
/// **Example:** `Care Vista - Care Vista Link - PROD - e-Referral Service User Restricted`
///
/// **Use instead:** `… - e-Referral Service, User Restricted`
pub const COMMA: &str = "ERS-N019";

/// The access mode is missing.
///
/// **Why:** each application has one access mode (4.15), and the name says which.
///
/// **Example:** `Care Vista - Care Vista Link - PROD - e-Referral Service`
///
/// **Use instead:** `… - e-Referral Service, User Restricted` or `…, Application-Restricted`
pub const MODE_MISSING: &str = "ERS-N020";

/// The access mode is not one e-RS has: user-restricted or application-restricted.
///
/// **Why:** e-RS permits only those two (stage 1.4); each needs its own application (4.15).
///
/// **Example:** `… - PROD - e-Referral Service, Admin`
///
/// **Use instead:** `…, User Restricted` or `…, Application-Restricted`
pub const MODE_UNKNOWN: &str = "ERS-N021";

/// Both access modes are in one name.
///
/// **Why:** "The same application cannot be used for both user-restricted and
/// application-restricted modes" (4.15): register one application per access mode.
///
/// **Example:** `… - PROD - e-Referral Service, User Restricted and Application-Restricted`
///
/// **Use instead:** two applications, `…, User Restricted` and `…, Application-Restricted`.
pub const MODE_TWO: &str = "ERS-N022";

/// The access mode is not the one being registered (`--access-mode` / `accessMode`).
///
/// **Why:** the access mode decides the API to enable (4.15); a name that says the other one
/// leads to the wrong API.
///
/// **Example:** `…, Application-Restricted` with `--access-mode user-restricted`
///
/// **Use instead:** `…, User Restricted`
pub const MODE_MISMATCH: &str = "ERS-N023";

/// The access mode is one of NHS's other spellings (`User-restricted`, `User-Restricted`,
/// `Application Restricted`) or in other capitals. It passes; this warning shows the form of the
/// Stage 4 examples.
///
/// **Why:** the Stage 4 examples write `User Restricted` and `Application-Restricted`.
///
/// **Example:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User-restricted`
///
/// **Use instead:** `…, User Restricted`
pub const MODE_SPELLING: &str = "ERS-N024";

/// The access mode is written another way than NHS writes it: abbreviated (`App Restricted`,
/// `User`), by another name (`Unattended`), or with extra words or punctuation.
///
/// **Why:** the name should say the access mode the way 4.14's examples do.
///
/// **Example:** `Acme - Acme Medical System - PROD - e-Referral Service, Unattended`
///
/// **Use instead:** `…, Application-Restricted`
pub const MODE_WORDING: &str = "ERS-N025";

/// The environment stands after the service name instead of before it.
///
/// **Why:** 4.14's order is supplier, app, environment, service, access mode.
///
/// **Example:** `Care Vista - Care Vista Link - e-Referral Service - PROD, User Restricted`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
pub const ENV_ORDER: &str = "ERS-N026";

/// The service name comes again, after an environment, inside the app's name: the name, or a
/// part of it, was pasted twice.
///
/// **Why:** the app's name would then hold another whole name.
///
/// **Example:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted - PROD
/// - e-Referral Service, User Restricted`
///
/// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
pub const REPEATED: &str = "ERS-N027";

/// One line of the code table: the code, its severity, what it means, an example name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CodeDoc {
    /// The code, e.g. `ERS-N001`.
    pub code: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// What it means, in a few words.
    pub meaning: &'static str,
    /// A name that has it.
    pub example: &'static str,
    /// The guidance rule it comes from.
    pub rule: &'static str,
}

const fn doc(
    code: &'static str,
    severity: Severity,
    meaning: &'static str,
    example: &'static str,
    rule: &'static str,
) -> CodeDoc {
    CodeDoc {
        code,
        severity,
        meaning,
        example,
        rule,
    }
}

use Severity::{Error as E, Warning as W};

/// Every code, in order: the table of the README.
pub const CODES: &[CodeDoc] = &[
    doc(EMPTY, E, "the name is empty", "", "4.14"),
    doc(
        TOO_LONG,
        E,
        "the name is longer than 255 characters (checking stops)",
        "(a pasted e-mail)",
        "4.14",
    ),
    doc(
        CONTROL,
        E,
        "a control or invisible character (newline, tab, zero-width, bidi)",
        "Acme - Acme Medical System\\n- PROD - e-Referral Service, Application-Restricted",
        "4.14",
    ),
    doc(
        OUTER_SPACE,
        W,
        "spaces before or after the name",
        " Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted ",
        "4.14",
    ),
    doc(
        SPACES,
        W,
        "doubled spaces, or an unusual space character",
        "Care Vista  - Care Vista Link - PROD - e-Referral Service, User Restricted",
        "4.14",
    ),
    doc(
        SEPARATOR,
        E,
        "a separator is not ` - ` (space, hyphen, space)",
        "Care Vista - Care Vista Link -PROD - e-Referral Service, User Restricted",
        "4.14",
    ),
    doc(
        LOOKALIKE_DASH,
        E,
        "an en dash, em dash or minus sign where a hyphen goes",
        "Care Vista – Care Vista Link – PROD – e-Referral Service, User Restricted",
        "4.14",
    ),
    doc(
        SUPPLIER_MISSING,
        E,
        "the supplier name is missing",
        "- Care Vista Link - PROD - e-Referral Service, User Restricted",
        "4.14",
    ),
    doc(
        APP_MISSING,
        E,
        "the app name is missing (one part before the environment)",
        "Care Vista Link - PROD - e-Referral Service, User Restricted",
        "4.14",
    ),
    doc(
        ENV_MISSING,
        E,
        "the environment is missing",
        "Care Vista - Care Vista Link - e-Referral Service, User Restricted",
        "4.14",
    ),
    doc(
        ENV_UNKNOWN,
        E,
        "the environment is not PROD, INT, SANDBOX or DEV",
        "Acme - Acme Medical System - UAT - e-Referral Service, Application-Restricted",
        "4.14",
    ),
    doc(
        ENV_WORD,
        E,
        "the environment is a word, not its token",
        "Acme - Acme Medical System - Production - e-Referral Service, Application-Restricted",
        "4.14",
    ),
    doc(
        ENV_CASE,
        W,
        "the environment token is not in capitals",
        "Care Vista - Care Vista Link - Prod - e-Referral Service, User Restricted",
        "4.14",
    ),
    doc(
        ENV_MISMATCH,
        E,
        "the environment is not the one being registered",
        "Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted (--env prod)",
        "4.13",
    ),
    doc(
        SERVICE_MISSING,
        E,
        "`e-Referral Service` is missing",
        "Care Vista - Care Vista Link - PROD, User Restricted",
        "4.14",
    ),
    doc(
        SERVICE_SPELLING,
        E,
        "the service name is abbreviated or misspelt",
        "Acme - Acme Medical System - PROD - eRS, Application-Restricted",
        "4.14",
    ),
    doc(
        SERVICE_CASE,
        W,
        "the service name is in other capitals",
        "Acme - Acme Medical System - PROD - e-referral service, Application-Restricted",
        "4.14",
    ),
    doc(
        STAGE2_SEPARATOR,
        W,
        "the Stage 2 hyphen before the access mode (Stage 4 writes a comma)",
        "Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted",
        "4.14",
    ),
    doc(
        COMMA,
        E,
        "the comma before the access mode is missing or malformed",
        "Care Vista - Care Vista Link - PROD - e-Referral Service User Restricted",
        "4.14",
    ),
    doc(
        MODE_MISSING,
        E,
        "the access mode is missing",
        "Care Vista - Care Vista Link - PROD - e-Referral Service",
        "4.15",
    ),
    doc(
        MODE_UNKNOWN,
        E,
        "the access mode is neither user- nor application-restricted",
        "Care Vista - Care Vista Link - PROD - e-Referral Service, Admin",
        "4.15",
    ),
    doc(
        MODE_TWO,
        E,
        "both access modes in one name (one application per access mode)",
        "Acme - Acme Medical System - PROD - e-Referral Service, User Restricted and Application-Restricted",
        "4.15",
    ),
    doc(
        MODE_MISMATCH,
        E,
        "the access mode is not the one being registered",
        "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted (--access-mode user-restricted)",
        "4.15",
    ),
    doc(
        MODE_SPELLING,
        W,
        "one of NHS's other spellings of the access mode",
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User-restricted",
        "4.14",
    ),
    doc(
        MODE_WORDING,
        E,
        "the access mode abbreviated, renamed or with extra words",
        "Acme - Acme Medical System - PROD - e-Referral Service, Unattended",
        "4.14",
    ),
    doc(
        ENV_ORDER,
        E,
        "the environment after the service name",
        "Care Vista - Care Vista Link - e-Referral Service - PROD, User Restricted",
        "4.14",
    ),
    doc(
        REPEATED,
        E,
        "the service name again inside the app's name (pasted twice)",
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted - PROD - e-Referral Service, User Restricted",
        "4.14",
    ),
];

/// The documentation line of `code`, if it is one of this checker's.
#[must_use]
pub fn lookup(code: &str) -> Option<&'static CodeDoc> {
    CODES.iter().find(|d| d.code.eq_ignore_ascii_case(code))
}
