//! Capture rules that need no storage: survey definitions (questions, conditions, answers) and
//! their FHIR R4 form, and the field parsers imports share.

pub mod fhir;
pub mod import;
pub mod survey;
