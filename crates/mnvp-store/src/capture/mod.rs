//! Capture's storage beyond the feedback table itself (see `feedback.rs`): the public form's
//! open/closed state per MNVP, answers in progress, the details a form adds to an item, surveys
//! and imports. What waits there before it becomes a record is sealed (`waiting`).

pub mod drafts;
pub mod forms;
pub mod imports;
pub(crate) mod search;
pub mod surveys;
mod waiting;

pub use drafts::Draft;
pub use forms::{FormDetails, PublicForm};
