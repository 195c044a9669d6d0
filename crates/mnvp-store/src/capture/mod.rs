//! Capture's storage beyond the feedback table itself (see `feedback.rs`): the public form's
//! open/closed state per MNVP, answers in progress, the details a form adds to an item, surveys
//! and imports.

pub mod drafts;
pub mod forms;
pub mod imports;
pub(crate) mod search;
pub mod surveys;

pub use drafts::Draft;
pub use forms::{FormDetails, PublicForm};
