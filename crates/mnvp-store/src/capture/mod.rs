//! Capture's storage beyond the feedback table itself (see `feedback.rs`): the public form's
//! open/closed state per MNVP, answers in progress, and the details a form adds to an item.

pub mod drafts;
pub mod forms;
pub(crate) mod search;

pub use drafts::Draft;
pub use forms::{FormDetails, PublicForm};
