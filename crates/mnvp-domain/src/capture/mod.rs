//! Capture: the public feedback form's rules, free of any web or storage detail. The route a
//! person takes through the questions ([`journey`]), what they have answered so far
//! ([`answers`]) and how a typed answer is read ([`inputs`]) live here so that the web layer
//! only renders pages and the rules can be tested on their own. Surveys ([`survey`], with their
//! FHIR R4 form in [`fhir`]) and the field parsers imports share ([`import`]) follow the same rule.

pub mod answers;
pub mod fhir;
pub mod import;
pub mod inputs;
pub mod journey;
pub mod survey;

pub use answers::{AboutYou, Answers, UnitAnswer};
pub use inputs::{CareMonth, InputError};
pub use journey::{Journey, Position, Step};
