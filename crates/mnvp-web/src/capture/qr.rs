//! QR codes for posters: SVG for print shops, PNG for documents and social media.

use crate::error::{WebError, WebResult};
use qrcode::{EcLevel, QrCode};

/// Pixels per QR module in the PNG, and the quiet zone around it (in modules, as the standard
/// asks), so a printed code scans from across a waiting room.
const PNG_SCALE: usize = 12;
const QUIET_ZONE: usize = 4;

fn qr(url: &str) -> WebResult<QrCode> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| WebError::Internal(format!("qr code: {e}")))
}

/// The QR code as an SVG document.
pub fn qr_svg(url: &str) -> WebResult<String> {
    Ok(qr(url)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(400, 400)
        .quiet_zone(true)
        .build())
}

/// The QR code as a black-and-white PNG.
pub fn qr_png(url: &str) -> WebResult<Vec<u8>> {
    let code = qr(url)?;
    let modules = code.width();
    let side = (modules + 2 * QUIET_ZONE) * PNG_SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c != qrcode::Color::Dark {
            continue;
        }
        let (mx, my) = (i % modules + QUIET_ZONE, i / modules + QUIET_ZONE);
        for y in my * PNG_SCALE..(my + 1) * PNG_SCALE {
            pixels[y * side + mx * PNG_SCALE..y * side + (mx + 1) * PNG_SCALE].fill(0);
        }
    }
    let side = u32::try_from(side).map_err(|_| WebError::Internal("qr too large".into()))?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let png_err = |e: png::EncodingError| WebError::Internal(format!("png: {e}"));
    let mut writer = encoder.write_header().map_err(png_err)?;
    writer.write_image_data(&pixels).map_err(png_err)?;
    writer.finish().map_err(png_err)?;
    Ok(out)
}
