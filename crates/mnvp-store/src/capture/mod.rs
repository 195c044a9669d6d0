//! Capture channels that keep more than the feedback items themselves: surveys and imports.

pub mod imports;
pub mod surveys;
