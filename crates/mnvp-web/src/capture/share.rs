//! "Share your feedback form": the MNVP lead's page with the form's address in every language,
//! QR codes for posters (SVG for print shops, PNG for documents and social media), a printable
//! poster, and the switch that closes or reopens the form.

use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::i18n::LANGUAGES;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_store::capture::PublicForm;
use qrcode::{EcLevel, QrCode};
use serde::{Deserialize, Serialize};

/// Pixels per QR module in the PNG, and the quiet zone around it (in modules, as the
/// standard asks), so a printed code scans from across a waiting room.
const PNG_SCALE: usize = 12;
const QUIET_ZONE: usize = 4;

/// The lead's MNVP's form.
async fn lead_form(state: &AppState, ctx: &Ctx) -> WebResult<PublicForm> {
    let org = ctx.user()?.org_id.ok_or(WebError::Forbidden)?;
    Ok(state.store.public_form_of(org).await?)
}

/// The address people will type or scan: the configured public address, else the one this
/// page was reached at.
fn form_url(state: &AppState, headers: &HeaderMap, form: &PublicForm) -> String {
    let base = match &state.settings.public_url {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .filter(|h| {
                    h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                })
                .unwrap_or("localhost");
            let scheme = if state.settings.secure_cookies {
                "https"
            } else {
                "http"
            };
            format!("{scheme}://{host}")
        }
    };
    format!("{base}/feedback/{}", form.slug)
}

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
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET_ZONE) * PNG_SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, c) in colors.iter().enumerate() {
        if *c != qrcode::Color::Dark {
            continue;
        }
        let (mx, my) = (i % modules + QUIET_ZONE, i / modules + QUIET_ZONE);
        for y in my * PNG_SCALE..(my + 1) * PNG_SCALE {
            pixels[y * side + mx * PNG_SCALE..y * side + (mx + 1) * PNG_SCALE].fill(0);
        }
    }
    let mut out = Vec::new();
    let side = u32::try_from(side).map_err(|_| WebError::Internal("qr too large".into()))?;
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let png_err = |e: png::EncodingError| WebError::Internal(format!("png: {e}"));
    let mut writer = encoder.write_header().map_err(png_err)?;
    writer.write_image_data(&pixels).map_err(png_err)?;
    writer.finish().map_err(png_err)?;
    Ok(out)
}

#[derive(Serialize)]
struct LanguageLink {
    name: &'static str,
    tag: &'static str,
    url: String,
}

fn language_links(url: &str) -> Vec<LanguageLink> {
    LANGUAGES
        .iter()
        .map(|l| LanguageLink {
            name: l.name,
            tag: l.tag,
            url: format!("{url}?lang={}", l.code),
        })
        .collect()
}

pub async fn show_share(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
) -> WebResult<Html<String>> {
    let form = lead_form(&state, &ctx).await?;
    let url = form_url(&state, &headers, &form);
    state
        .render(
            &ctx,
            "capture/share.html",
            context! { form => form, url => &url, languages => language_links(&url) },
        )
        .await
}

pub async fn show_poster(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
) -> WebResult<Html<String>> {
    let form = lead_form(&state, &ctx).await?;
    let url = form_url(&state, &headers, &form);
    state
        .render(
            &ctx,
            "capture/poster.html",
            context! { form => form, url => &url, languages => &LANGUAGES[1..] },
        )
        .await
}

fn download(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The form's QR code as a download: `svg` for print, `png` for documents.
async fn qr_download(
    state: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    svg: bool,
) -> WebResult<Response> {
    let form = lead_form(state, ctx).await?;
    let url = form_url(state, headers, &form);
    let (content_type, body) = if svg {
        ("image/svg+xml", qr_svg(&url)?.into_bytes())
    } else {
        ("image/png", qr_png(&url)?)
    };
    let ext = if svg { "svg" } else { "png" };
    Ok(download(
        content_type,
        format!("{}-feedback-qr.{ext}", form.slug),
        body,
    ))
}

pub async fn get_qr_svg(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
) -> WebResult<Response> {
    qr_download(&state, &ctx, &headers, true).await
}

pub async fn get_qr_png(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
) -> WebResult<Response> {
    qr_download(&state, &ctx, &headers, false).await
}

#[derive(Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    open: String,
}

/// Closes or reopens the form (audited). A closed form shows visitors a kind "closed" page
/// with signposting; everything already received stays.
pub async fn set_open(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<OpenForm>,
) -> WebResult<Response> {
    let form = lead_form(&state, &ctx).await?;
    let open = match f.open.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(WebError::BadRequest(
                "Choose to open or close the form".into(),
            ))
        }
    };
    state
        .store
        .set_form_open(form.mnvp_id, open, &ctx.actor())
        .await?;
    let message = if open {
        "Your feedback form is open again."
    } else {
        "Your feedback form is closed. Visitors now see a page saying so, with support links."
    };
    ctx.flash(&state.store, message).await;
    Ok(Redirect::to("/feedback-form").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_is_a_scannable_size_and_svg_is_a_document() {
        let url = "https://mnvp.example/feedback/riverside";
        let png = qr_png(url).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(&png));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        let modules = qr(url).unwrap().width();
        assert_eq!(info.width as usize, (modules + 8) * PNG_SCALE);
        assert!(info.width >= 300, "large enough to print");
        let svg = qr_svg(url).unwrap();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
    }
}
