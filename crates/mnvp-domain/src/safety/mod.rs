//! Safeguarding and safety (guidance 2.5–2.6): the rules that do not need the text engine.

pub mod support;
