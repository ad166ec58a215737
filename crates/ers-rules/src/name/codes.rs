//! The stable diagnostic codes of the application-name checker, one constant per rule, each
//! documented in the manner of ruff's rules: what it does, why, an example, what to use instead.
//!
//! Severity follows one principle. An **error** means the name does not follow the 4.14 pattern
//! `[Supplier name] - [App name] - [Environment] - e-Referral Service, [Access mode]`: a part is
//! missing, unknown, misspelt, in the wrong place, separated wrongly, or contradicts what is being
//! registered. A **warning** means the name follows the pattern but not in the exact form of the
//! Stage 4 examples: one of NHS's own other spellings, a letter case, extra spaces.
//!
//! [`ALL`] lists them all with their severity and an example; the README table is made from it.

crate::code_registry! {
    /// The name is empty, or only spaces.
    ///
    /// **Why:** 4.14 asks for a name in a set pattern.
    ///
    /// **Example:** `""`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
    EMPTY = "ERS-N001", Error, "4.14",
        "the name is empty",
        "";
    /// The name is longer than [`MAX_LEN`](super::MAX_LEN) characters. The check stops there.
    ///
    /// **Why:** no NHS limit is published; the examples are about 70 characters. A longer name is
    /// a paste gone wrong, and stopping early keeps checking fast whatever is pasted.
    ///
    /// **Example:** a whole e-mail pasted into the field.
    ///
    /// **Use instead:** the five parts only.
    TOO_LONG = "ERS-N002", Error, "4.14",
        "the name is longer than 255 characters (checking stops)",
        "(a pasted e-mail)";
    /// A control character (newline, tab, …) or an invisible one (zero-width space, bidirectional
    /// override, byte-order mark, soft hyphen) is in the name.
    ///
    /// **Why:** it cannot be seen, so the name is not what it looks like; bidirectional controls can
    /// even make it read differently from how it is stored.
    ///
    /// **Example:** `Acme - Acme Medical System⏎- PROD - …`
    ///
    /// **Use instead:** the same name without it (a line break becomes a space).
    CONTROL = "ERS-N003", Error, "4.14",
        "a control or invisible character (newline, tab, zero-width, bidi)",
        "Acme - Acme Medical System\\n- PROD - e-Referral Service, Application-Restricted";
    /// The name starts or ends with spaces.
    ///
    /// **Why:** the spaces are kept, and the name no longer matches the pattern exactly.
    ///
    /// **Example:** `" Acme - … - e-Referral Service, Application-Restricted "`
    ///
    /// **Use instead:** the name without them.
    OUTER_SPACE = "ERS-N004", Warning, "4.14",
        "spaces before or after the name",
        " Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted ";
    /// Two or more spaces in a row, or an unusual space character (no-break space, thin space, …).
    ///
    /// **Why:** the Stage 4 examples use single plain spaces; look-alike spaces make a name that
    /// looks right differ from the one NHS types.
    ///
    /// **Example:** `Care Vista  - Care Vista Link - PROD - …`
    ///
    /// **Use instead:** one plain space.
    SPACES = "ERS-N005", Warning, "4.14",
        "doubled spaces, or an unusual space character",
        "Care Vista  - Care Vista Link - PROD - e-Referral Service, User Restricted";
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
    SEPARATOR = "ERS-N006", Error, "4.14",
        "a separator is not ` - ` (space, hyphen, space)",
        "Care Vista - Care Vista Link -PROD - e-Referral Service, User Restricted";
    /// A separator is written with a dash that only looks like a hyphen: en dash `–`, em dash `—`,
    /// minus sign `−`, Unicode hyphen `‐` and the like (word processors put them in).
    ///
    /// **Why:** the pattern uses the hyphen-minus `-`; a look-alike makes a different name.
    ///
    /// **Example:** `Care Vista – Care Vista Link – PROD – e-Referral Service, User Restricted`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
    LOOKALIKE_DASH = "ERS-N007", Error, "4.14",
        "an en dash, em dash or minus sign where a hyphen goes",
        "Care Vista – Care Vista Link – PROD – e-Referral Service, User Restricted";
    /// The supplier name, the first part, is missing.
    ///
    /// **Why:** 4.14's pattern starts with the supplier's name.
    ///
    /// **Example:** `- Care Vista Link - PROD - e-Referral Service, User Restricted`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - …`
    SUPPLIER_MISSING = "ERS-N008", Error, "4.14",
        "the supplier name is missing",
        "- Care Vista Link - PROD - e-Referral Service, User Restricted";
    /// The app name is missing: only one part stands before the environment.
    ///
    /// **Why:** 4.14's pattern has the supplier's name and then the app's, separated by ` - `.
    ///
    /// **Example:** `Care Vista Link - PROD - e-Referral Service, User Restricted`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - …`
    APP_MISSING = "ERS-N009", Error, "4.14",
        "the app name is missing (one part before the environment)",
        "Care Vista Link - PROD - e-Referral Service, User Restricted";
    /// The environment is missing.
    ///
    /// **Why:** the name says which environment the application is in; Stage 4 registers in PROD.
    ///
    /// **Example:** `Care Vista - Care Vista Link - e-Referral Service, User Restricted`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
    ENV_MISSING = "ERS-N010", Error, "4.14",
        "the environment is missing",
        "Care Vista - Care Vista Link - e-Referral Service, User Restricted";
    /// The environment is not one of the NHS API platform's: `PROD`, `INT`, `SANDBOX`, `DEV`.
    ///
    /// **Why:** applications are registered in one of those; `UAT` or `Staging` names none.
    ///
    /// **Example:** `Acme - Acme Medical System - UAT - e-Referral Service, Application-Restricted`
    ///
    /// **Use instead:** `… - PROD - …` (Stage 4) or `… - INT - …` (Stage 2).
    ENV_UNKNOWN = "ERS-N011", Error, "4.14",
        "the environment is not PROD, INT, SANDBOX or DEV",
        "Acme - Acme Medical System - UAT - e-Referral Service, Application-Restricted";
    /// The environment is written as a word (`Production`, `Live`, `Integration`) instead of its
    /// token.
    ///
    /// **Why:** the pattern and NHS's examples write the token: `PROD`, `INT`.
    ///
    /// **Example:** `Acme - Acme Medical System - Production - e-Referral Service, …`
    ///
    /// **Use instead:** `Acme - Acme Medical System - PROD - e-Referral Service, …`
    ENV_WORD = "ERS-N012", Error, "4.14",
        "the environment is a word, not its token",
        "Acme - Acme Medical System - Production - e-Referral Service, Application-Restricted";
    /// The environment token is not in capitals (`Prod`, `prod`).
    ///
    /// **Why:** NHS's examples write `PROD` and `INT`.
    ///
    /// **Example:** `Care Vista - Care Vista Link - Prod - e-Referral Service, User Restricted`
    ///
    /// **Use instead:** `… - PROD - …`
    ENV_CASE = "ERS-N013", Warning, "4.14",
        "the environment token is not in capitals",
        "Care Vista - Care Vista Link - Prod - e-Referral Service, User Restricted";
    /// The environment is not the one being registered (`--env` / `environment`).
    ///
    /// **Why:** 4.13 selects the environment; a PROD application named `INT` is misleading and is a
    /// sign that a Stage 2 name was copied without changing it.
    ///
    /// **Example:** `Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted` with
    /// `--env prod`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
    ENV_MISMATCH = "ERS-N014", Error, "4.13",
        "the environment is not the one being registered",
        "Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted (--env prod)";
    /// The service name `e-Referral Service` is missing.
    ///
    /// **Why:** 4.14's pattern names the service before the access mode.
    ///
    /// **Example:** `Care Vista - Care Vista Link - PROD, User Restricted`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
    SERVICE_MISSING = "ERS-N015", Error, "4.14",
        "`e-Referral Service` is missing",
        "Care Vista - Care Vista Link - PROD, User Restricted";
    /// The service name is abbreviated or misspelt (`eRS`, `e-RS`, `ERS`, `eReferral`,
    /// `e-Referrals Service`, `NHS e-Referral Service`, `Electronic Referral Service`).
    ///
    /// **Why:** the pattern writes it in full, exactly: `e-Referral Service`.
    ///
    /// **Example:** `Acme - Acme Medical System - PROD - eRS, Application-Restricted`
    ///
    /// **Use instead:** `Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted`
    SERVICE_SPELLING = "ERS-N016", Error, "4.14",
        "the service name is abbreviated or misspelt",
        "Acme - Acme Medical System - PROD - eRS, Application-Restricted";
    /// The service name is spelt right but in other capitals (`e-referral service`).
    ///
    /// **Why:** NHS writes `e-Referral Service`.
    ///
    /// **Example:** `… - PROD - E-REFERRAL SERVICE, User Restricted`
    ///
    /// **Use instead:** `… - PROD - e-Referral Service, User Restricted`
    SERVICE_CASE = "ERS-N017", Warning, "4.14",
        "the service name is in other capitals",
        "Acme - Acme Medical System - PROD - e-referral service, Application-Restricted";
    /// The access mode follows a hyphen, as on the Stage 2 (INT) page, instead of the comma of the
    /// Stage 4 examples. Both are NHS's own; this is a warning that shows the Stage 4 form.
    ///
    /// **Why:** the Stage 4 page, which is the one a PROD name follows, writes
    /// `e-Referral Service, User Restricted`; Stage 2 writes `e-Referral Service - User-restricted`.
    ///
    /// **Example:** `Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted`
    STAGE2_SEPARATOR = "ERS-N018", Warning, "4.14",
        "the Stage 2 hyphen before the access mode (Stage 4 writes a comma)",
        "Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted";
    /// The comma before the access mode is missing or malformed (`Service User Restricted`,
    /// `Service,User Restricted`, `Service ; User Restricted`).
    ///
    /// **Why:** the comma separates the service name from the access mode.
    ///
    /// **Example:** `Care Vista - Care Vista Link - PROD - e-Referral Service User Restricted`
    ///
    /// **Use instead:** `… - e-Referral Service, User Restricted`
    COMMA = "ERS-N019", Error, "4.14",
        "the comma before the access mode is missing or malformed",
        "Care Vista - Care Vista Link - PROD - e-Referral Service User Restricted";
    /// The access mode is missing.
    ///
    /// **Why:** each application has one access mode (4.15), and the name says which.
    ///
    /// **Example:** `Care Vista - Care Vista Link - PROD - e-Referral Service`
    ///
    /// **Use instead:** `… - e-Referral Service, User Restricted` or `…, Application-Restricted`
    MODE_MISSING = "ERS-N020", Error, "4.15",
        "the access mode is missing",
        "Care Vista - Care Vista Link - PROD - e-Referral Service";
    /// The access mode is not one e-RS has: user-restricted or application-restricted.
    ///
    /// **Why:** e-RS permits only those two (stage 1.4); each needs its own application (4.15).
    ///
    /// **Example:** `… - PROD - e-Referral Service, Admin`
    ///
    /// **Use instead:** `…, User Restricted` or `…, Application-Restricted`
    MODE_UNKNOWN = "ERS-N021", Error, "4.15",
        "the access mode is neither user- nor application-restricted",
        "Care Vista - Care Vista Link - PROD - e-Referral Service, Admin";
    /// Both access modes are in one name.
    ///
    /// **Why:** "The same application cannot be used for both user-restricted and
    /// application-restricted modes" (4.15): register one application per access mode.
    ///
    /// **Example:** `… - PROD - e-Referral Service, User Restricted and Application-Restricted`
    ///
    /// **Use instead:** two applications, `…, User Restricted` and `…, Application-Restricted`.
    MODE_TWO = "ERS-N022", Error, "4.15",
        "both access modes in one name (one application per access mode)",
        "Acme - Acme Medical System - PROD - e-Referral Service, User Restricted and Application-Restricted";
    /// The access mode is not the one being registered (`--access-mode` / `accessMode`).
    ///
    /// **Why:** the access mode decides the API to enable (4.15); a name that says the other one
    /// leads to the wrong API.
    ///
    /// **Example:** `…, Application-Restricted` with `--access-mode user-restricted`
    ///
    /// **Use instead:** `…, User Restricted`
    MODE_MISMATCH = "ERS-N023", Error, "4.15",
        "the access mode is not the one being registered",
        "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted (--access-mode user-restricted)";
    /// The access mode is one of NHS's other spellings (`User-restricted`, `User-Restricted`,
    /// `Application Restricted`) or in other capitals. It passes; this warning shows the form of the
    /// Stage 4 examples.
    ///
    /// **Why:** the Stage 4 examples write `User Restricted` and `Application-Restricted`.
    ///
    /// **Example:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User-restricted`
    ///
    /// **Use instead:** `…, User Restricted`
    MODE_SPELLING = "ERS-N024", Warning, "4.14",
        "one of NHS's other spellings of the access mode",
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User-restricted";
    /// The access mode is written another way than NHS writes it: abbreviated (`App Restricted`,
    /// `User`), by another name (`Unattended`), or with extra words or punctuation.
    ///
    /// **Why:** the name should say the access mode the way 4.14's examples do.
    ///
    /// **Example:** `Acme - Acme Medical System - PROD - e-Referral Service, Unattended`
    ///
    /// **Use instead:** `…, Application-Restricted`
    MODE_WORDING = "ERS-N025", Error, "4.14",
        "the access mode abbreviated, renamed or with extra words",
        "Acme - Acme Medical System - PROD - e-Referral Service, Unattended";
    /// The environment stands after the service name instead of before it.
    ///
    /// **Why:** 4.14's order is supplier, app, environment, service, access mode.
    ///
    /// **Example:** `Care Vista - Care Vista Link - e-Referral Service - PROD, User Restricted`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
    ENV_ORDER = "ERS-N026", Error, "4.14",
        "the environment after the service name",
        "Care Vista - Care Vista Link - e-Referral Service - PROD, User Restricted";
    /// The service name comes again, after an environment, inside the app's name: the name, or a
    /// part of it, was pasted twice.
    ///
    /// **Why:** the app's name would then hold another whole name.
    ///
    /// **Example:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted - PROD
    /// - e-Referral Service, User Restricted`
    ///
    /// **Use instead:** `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`
    REPEATED = "ERS-N027", Error, "4.14",
        "the service name again inside the app's name (pasted twice)",
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted - PROD - e-Referral Service, User Restricted";
}

/// The registry's row of `code`, if it is one of this checker's.
#[must_use]
pub fn lookup(code: &str) -> Option<&'static crate::CodeInfo> {
    ALL.iter().find(|d| d.code.eq_ignore_ascii_case(code))
}
