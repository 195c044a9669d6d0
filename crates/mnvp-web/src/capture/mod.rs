//! Capture: the one feedback store as staff see it. This is the staff inbox; the channels that
//! fill the store (public form, surveys, Walk the Patch, imports) are built on top of it.

pub mod inbox;
