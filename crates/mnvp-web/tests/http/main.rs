//! Integration tests that start the real server on a random loopback port, each with its own
//! database, and drive it over HTTP — on SQLite and on PostgreSQL.

mod support;

mod audit;
mod auth;
mod capture_form;
mod capture_form_edges;
mod capture_imports;
mod capture_inbox;
mod capture_share;
mod capture_surveys;
mod capture_surveys_fhir;
mod field;
mod inbox;
mod matrix;
mod orgs;
mod redaction;
mod safety;
mod scoping;
mod signposts;
mod smtp_sink;
mod themes;
mod themes_models;
mod themes_training;
mod voices;
