//! Hearing all voices: who gave feedback, recorded lawfully and minimally, so that it can be
//! compared with who uses the service (guidance 2.3, 2.4, 2.10; seeds 003 and 004).
//!
//! `demographics` is what people may tell us; `reference` reads the files that say who the
//! local birthing population is; `dimensions`, `stats` and `representation` compare the two;
//! `coverage` and `planner` turn the comparison into where to go next; `annual_report` is the
//! Addressing Inequalities report of seed 003.

pub mod annual_report;
pub mod coverage;
pub mod demographics;
pub mod dimensions;
pub mod planner;
pub mod reference;
pub mod representation;
pub mod stats;
