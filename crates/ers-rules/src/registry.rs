//! [`code_registry!`](crate::code_registry): an area's diagnostic codes, each written once with
//! its severity, rule and meaning, so a call site names only the code
//! ([`Diagnostic::coded`](crate::Diagnostic::coded)) and the README's tables, the CLI's `--help`
//! and the page read the same rows.

/// Declares one [`CodeInfo`](crate::CodeInfo) constant per code
/// (`NAME = "CODE", Severity, "rule", "meaning"[, "example"];`) and `ALL`, every row in order.
/// Attributes (docs) pass through as written.
///
/// ```
/// mod codes {
///     ers_rules::code_registry! {
///         /// The thing is empty.
///         EMPTY = "EX-001", Error, "4.14", "the thing is empty", "`\"\"`";
///         /// The thing is odd.
///         ODD = "EX-002", Warning, "4.14", "the thing is odd";
///     }
/// }
/// assert_eq!(codes::ALL, [codes::EMPTY, codes::ODD]);
/// assert_eq!(codes::EMPTY.rule, "4.14");
/// assert_eq!(codes::ODD.example, "");
/// ```
#[macro_export]
macro_rules! code_registry {
    (
        $(
            $(#[$meta:meta])*
            $name:ident = $code:literal, $severity:ident, $rule:expr, $meaning:literal
                $(, $example:literal)?;
        )+
    ) => {
        $(
            $(#[$meta])*
            pub const $name: $crate::CodeInfo =
                $crate::CodeInfo::new($code, $crate::Severity::$severity, $rule, $meaning)
                    $(.with_example($example))?;
        )+

        /// Every code, in order: the README's table (`cargo xtask codegen`) and `--help`'s.
        pub const ALL: &[$crate::CodeInfo] = &[$($name),+];
    };
}
