//! Who is asking: sessions, passwords, second factor, and the route guard.

pub mod anonymous;
mod ctx;
pub mod guard;
pub mod password;
pub mod totp;

pub use ctx::{clear_cookie, load_session, random_token, session_cookie, Ctx, SESSION_COOKIE};
