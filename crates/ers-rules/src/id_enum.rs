//! [`id_enum!`](crate::id_enum): an enum whose variants each have one identifier, written once.

/// Declares an enum of unit variants, each with its identifier (`Variant = "id"`), and writes
/// from that one list: `ALL` (every variant, in order), `id()` (the identifier), and, with the
/// `serde` feature, `Serialize` as the identifier — so the JSON name and the command-line name
/// cannot disagree. Attributes (docs, derives) pass through as written.
///
/// ```
/// ers_rules::id_enum! {
///     /// A colour.
///     #[derive(Clone, Copy, Debug, PartialEq, Eq)]
///     pub enum Colour {
///         /// Red.
///         Red = "red",
///         /// Dark blue.
///         DarkBlue = "dark-blue",
///     }
/// }
/// assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue]);
/// assert_eq!(Colour::DarkBlue.id(), "dark-blue");
/// ```
#[macro_export]
macro_rules! id_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $id:literal,)+
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: [$name; [$($id),+].len()] = [$($name::$variant),+];

            /// The identifier, as the command line, JSON and a finding's part write it.
            pub const fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }
        }

        #[cfg(feature = "serde")]
        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }
    };
}
