//! Pure types and rules of MNVP Hub. Nothing here touches a database, a file or the network,
//! so every rule can be unit- and property-tested on its own and shared by every layer.

#[macro_use]
mod vocabulary;
pub mod audit;
pub mod capture;
pub mod feedback;
pub mod field;
pub mod organisation;
pub mod parse;
pub mod role;
pub mod safety;
pub mod suppression;
pub mod themes;
pub mod uk_time;
pub mod voices;

pub use parse::ParseError;
