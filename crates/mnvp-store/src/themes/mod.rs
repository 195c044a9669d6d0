//! Thematic analysis records: codebooks and their themes, people's coding, model versions and
//! their suggestions, and the rows the trend views count.

pub mod codebooks;
pub mod coding;
pub mod models;
mod theme_edits;
pub mod views;

pub use codebooks::{Codebook, NewTheme, Theme};
pub use coding::{NewCoding, QueueOrder, StoredCoding};
pub use models::{ItemScore, ModelVersion, NewModelVersion, Suggestion};
pub use views::ViewItem;
