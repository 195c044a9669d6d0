//! Imports (guidance 2.12–2.13): FFT responses, CQC Maternity Survey comments and trust
//! results, and any spreadsheet through a saved column mapping, into the one feedback store.
//! A dry run shows what would be imported and every bad row by line, column and reason; an
//! import stores all of its rows or none, and rows already held are never added twice.

pub mod layout;
mod mapping;
mod pages;
pub mod rows;
pub mod run;
pub mod source;

pub use layout::{Kind, MappedColumns};
pub use rows::{Target, UnitRef};
pub use run::{commit, dry_run, Committed, ImportError, Report, Source, Spec};
pub use source::{Encoding, FileProblem};

use crate::routes::{r, Routes, LEAD};
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{get, post};
use mnvp_store::{Store, StoreError};
use sha2::{Digest, Sha256};

/// The MNVP and its units, as import rows may name them.
pub async fn target(store: &Store, mnvp_id: i64) -> Result<Target, StoreError> {
    let mnvp = store.get_org(mnvp_id).await?;
    let units = store
        .mnvp_units(mnvp_id)
        .await?
        .into_iter()
        .map(|u| UnitRef {
            id: u.id,
            name: u.name,
            ods_code: u.ods_code,
        })
        .collect();
    Ok(Target {
        mnvp_id,
        mnvp_name: mnvp.name,
        units,
    })
}

/// Today's date as imports compare it (UTC).
pub fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// A file's SHA-256, recorded with each import.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The kind named by a code, with a saved mapping's name and columns for `mapped`.
pub fn kind(code: &str, mapping: Option<(&str, &str)>) -> Result<Kind, String> {
    match (code.trim(), mapping) {
        ("fft", _) => Ok(Kind::Fft),
        ("cqc" | "cqc_comments", _) => Ok(Kind::CqcComments),
        ("cqc_results", _) => Ok(Kind::CqcResults),
        ("mapped", Some((name, json))) => serde_json::from_str::<MappedColumns>(json)
            .map(|m| Kind::Mapped(name.to_string(), Box::new(m)))
            .map_err(|e| format!("the mapping \"{name}\" could not be read: {e}")),
        ("mapped", None) => Err("choose a saved mapping".into()),
        (other, _) => Err(format!(
            "unknown kind of import {other:?}: use fft, cqc (comments), cqc_results or mapped"
        )),
    }
}

/// The lead's import pages.
pub(crate) fn routes() -> Routes {
    use Method as M;
    vec![
        r(M::GET, "/capture/imports", LEAD, get(pages::list_imports)),
        r(
            M::POST,
            "/capture/imports/upload",
            LEAD,
            post(pages::upload_file).layer(DefaultBodyLimit::max(super::UPLOAD_LIMIT)),
        ),
        r(
            M::GET,
            "/capture/imports/{id}",
            LEAD,
            get(pages::show_upload),
        ),
        r(
            M::GET,
            "/capture/imports/{id}/problems.csv",
            LEAD,
            get(pages::export_problems),
        ),
        r(
            M::POST,
            "/capture/imports/{id}/commit",
            LEAD,
            post(pages::commit_upload),
        ),
        r(
            M::POST,
            "/capture/imports/{id}/discard",
            LEAD,
            post(pages::discard_upload),
        ),
        r(
            M::POST,
            "/capture/imports/{id}/encoding",
            LEAD,
            post(pages::set_encoding),
        ),
        r(
            M::GET,
            "/capture/imports/{id}/mapping",
            LEAD,
            get(mapping::edit_mapping),
        ),
        r(
            M::POST,
            "/capture/imports/{id}/mapping",
            LEAD,
            post(mapping::save_mapping),
        ),
        r(
            M::POST,
            "/capture/imports/mappings/{id}/delete",
            LEAD,
            post(pages::delete_mapping),
        ),
        r(
            M::GET,
            "/capture/cqc-results",
            LEAD,
            get(pages::list_cqc_results),
        ),
    ]
}
