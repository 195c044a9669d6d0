//! Closed lists of coded answers (channels, care stages, demographic groups): each value has a
//! stable code for storage and exports, a label for people, and a parser that refuses anything
//! else with a message fit for an error summary.

/// Declares a vocabulary enum with `ALL`, `as_str`, `label` and `parse`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(raw: &str) -> Result<$name, $crate::ParseError> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == raw.trim())
                    .ok_or_else(|| $crate::ParseError::new(concat!("Select ", $what)))
            }
        }
    };
}
