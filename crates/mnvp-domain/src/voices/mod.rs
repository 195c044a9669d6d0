//! Hearing all voices: who gave feedback, recorded lawfully and minimally, so that it can be
//! compared with who uses the service (guidance 2.3, 2.4, 2.10; seeds 003 and 004).

pub mod demographics;
pub mod stats;
