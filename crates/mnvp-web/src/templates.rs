//! Templates, embedded in the binary so that a single file runs the product. Autoescaping is
//! on for every `.html` template; HTML is never built with `format!`.

use crate::auth::Ctx;
use crate::error::WebResult;
use crate::AppState;
use axum::response::Html;
use minijinja::{context, Environment, Value};
use serde::Serialize;

/// Every template under `templates/`, listed by `build.rs`.
const TEMPLATES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        // A template that does not parse is a build defect; tests render every template.
        if let Err(e) = env.add_template(name, source) {
            panic!("template {name} does not parse: {e:#}");
        }
    }
    env.add_filter("kind_label", |k: String| {
        mnvp_domain::organisation::OrgKind::parse(&k)
            .map(|k| k.label().to_string())
            .unwrap_or(k)
    });
    env.add_filter("role_label", |r: String| {
        mnvp_domain::role::Role::parse(&r)
            .map(|r| r.label().to_string())
            .unwrap_or(r)
    });
    env.add_filter("unit_label", |u: String| {
        mnvp_domain::organisation::UnitType::parse(&u)
            .map(|u| u.label().to_string())
            .unwrap_or(u)
    });
    env.add_filter("channel_label", |c: String| {
        mnvp_domain::feedback::Channel::parse(&c)
            .map(|c| c.label().to_string())
            .unwrap_or(c)
    });
    env.add_filter("when", when);
    env.add_filter("day", |d: String| {
        chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map(|d| d.format("%-d %B %Y").to_string())
            .unwrap_or(d)
    });
    env.add_filter("stage_label", |c: String| {
        mnvp_domain::feedback::CareStage::parse(&c)
            .map(|c| c.label().to_string())
            .unwrap_or(c)
    });
    env.add_filter("action_label", |a: String| action_label(&a).to_string());
    env.add_filter("uk_when", uk_when);
    env.add_filter("stage_step_label", |c: String| {
        mnvp_domain::safety::case::Stage::parse(&c)
            .map(|s| s.label().to_string())
            .unwrap_or(c)
    });
    env
}

/// A stored UTC time as UK wall-clock time: "2026-07-14T13:30:00Z" → "14 Jul 2026, 14:30".
fn uk_when(stored: String) -> String {
    mnvp_store::parse_time(&stored)
        .map(|t| {
            mnvp_domain::uk_time::to_uk(t)
                .format("%-d %b %Y, %H:%M")
                .to_string()
        })
        .unwrap_or(stored)
}

/// "2026-11-23T12:27:01Z" → "23 Nov 2026, 12:27" (UTC), the GOV.UK/NHS date style.
fn when(stored: String) -> String {
    chrono::DateTime::parse_from_rfc3339(&stored)
        .map(|d| d.format("%-d %b %Y, %H:%M").to_string())
        .unwrap_or(stored)
}

fn action_label(code: &str) -> &str {
    match code {
        "create" => "Created",
        "update" => "Changed",
        "delete" => "Removed",
        "withdraw" => "Withdrawn, kept for a safeguarding case",
        "view" => "Viewed",
        "sign_in" => "Signed in",
        "sign_out" => "Signed out",
        "reset_password" => "Password reset",
        "enable_totp" => "Two-step verification on",
        "disable_totp" => "Two-step verification off",
        "import" => "Imported",
        "open" => "Case opened",
        "review" => "Reviewed",
        "decide" => "Decided",
        "notify" => "Contact told",
        "outcome" => "Outcome recorded",
        "close" => "Closed",
        "alert" => "Alert raised",
        "flag" => "Flagged",
        "encrypt" => "Encrypted",
        "code" => "Coded",
        "resolve" => "Resolved a coding disagreement",
        "train" => "Model trained",
        "train_failed" => "Model training failed",
        "score" => "Suggestions made",
        other => other,
    }
}

#[derive(Serialize)]
struct NavItem {
    text: &'static str,
    href: &'static str,
    current: bool,
}

/// The header navigation for a role: only what the role can use, so nobody meets a 403 by
/// following the menu.
fn nav_for(ctx: &Ctx, path: &str) -> Vec<NavItem> {
    use mnvp_domain::role::Role;
    let Some(user) = &ctx.user else {
        return Vec::new();
    };
    let mut items = vec![("Home", "/")];
    if matches!(
        user.role(),
        Role::MnvpLead | Role::Volunteer | Role::TrustStaff
    ) {
        items.push(("Feedback", "/inbox"));
    }
    match user.role() {
        Role::MnvpLead => items.push(("Safeguarding", "/safety")),
        Role::Volunteer => items.push(("Safeguarding", "/safety/procedure")),
        Role::Commissioner => items.push(("Safeguarding", "/safety/summary")),
        _ => {}
    }
    if matches!(
        user.role(),
        Role::MnvpLead | Role::Volunteer | Role::TrustStaff | Role::Commissioner
    ) {
        items.push(("Surveys", "/capture/surveys"));
    }
    if user.role() == Role::MnvpLead {
        items.push(("Import", "/capture/imports"));
    }
    if matches!(user.role(), Role::MnvpLead | Role::Volunteer) {
        items.push(("Field work", "/field"));
        items.push(("Support organisations", "/support"));
    }
    items.push(("Themes", "/themes"));
    if matches!(
        user.role(),
        Role::MnvpLead | Role::TrustStaff | Role::Commissioner
    ) {
        items.push(("Hearing all voices", "/voices"));
    }
    if user.role() == Role::TrustStaff {
        items.push(("15 Steps reports", "/field/fifteen-steps"));
    }
    if user.role() == Role::Administrator {
        items.push(("Organisations", "/admin/organisations"));
        items.push(("Support organisations", "/support/manage"));
        items.push(("Reference data", "/voices/reference"));
        items.push(("Accounts", "/admin/users"));
        items.push(("Audit log", "/admin/audit"));
    }
    items.push(("Your account", "/account"));
    items
        .into_iter()
        .map(|(text, href)| NavItem {
            text,
            href,
            current: if href == "/" {
                path == "/"
            } else {
                path.starts_with(href)
            },
        })
        .collect()
}

impl AppState {
    /// Renders a page with the context every page needs (who is signed in, the CSRF token, the
    /// navigation and any one-shot message), then forgets the one-shot message.
    pub async fn render(&self, ctx: &Ctx, name: &str, page: Value) -> WebResult<Html<String>> {
        let flash = ctx.take_flash(&self.store).await;
        let tmpl = self.templates.get_template(name)?;
        let base = context! {
            user => ctx.user.as_ref().map(|u| context!{ name => u.name, role => u.role, email => u.email }),
            csrf => ctx.csrf(),
            nav => nav_for(ctx, &ctx.path),
            flash => flash,
            asset_version => self.asset_version,
        };
        Ok(Html(tmpl.render(context! { ..page, ..base })?))
    }
}
