//! Hearing all voices, on screen: who we are not hearing, where, and what to do next; the
//! reference data behind it; and the Addressing Inequalities annual report. The report builder
//! is shared with `mnvp report representation`.

pub mod report;
pub mod scope;

use crate::routes::Routes;

pub(crate) fn routes() -> Routes {
    Vec::new()
}
