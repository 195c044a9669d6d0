//! Optional second factor: time-based one-time passwords (RFC 6238) from any authenticator app.

use totp_rs::{Algorithm, Secret, TOTP};

pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

fn totp(secret_b32: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some("MNVP Hub".to_string()),
        account.to_string(),
    )
    .ok()
}

/// Accepts the current code or the one either side of it (clock drift of up to 30 seconds).
pub fn check(secret_b32: &str, code: &str) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    totp(secret_b32, "user").is_some_and(|t| t.check_current(&code).unwrap_or(false))
}

/// The current code (used by tests and by nobody else).
pub fn current(secret_b32: &str) -> Option<String> {
    totp(secret_b32, "user")?.generate_current().ok()
}

pub fn otpauth_url(secret_b32: &str, account: &str) -> Option<String> {
    Some(totp(secret_b32, account)?.get_url())
}

/// The otpauth URL as an SVG QR code, to scan with a phone.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .build(),
    )
}
