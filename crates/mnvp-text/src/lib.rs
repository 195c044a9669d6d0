//! The text engine of MNVP Hub. Pure functions over text: no database, no network,
//! so that every capability (capture, themes, safety) and the CLI share one implementation.

pub mod safety;
pub mod themes;
