//! The background task that raises overdue alerts and emails them. Every `alert_interval_secs`
//! it looks at every open case; each newly overdue step is recorded once, shown on the lead's
//! dashboard, and (when a mail server is configured) emailed once to the MNVP's leads. Without
//! a mail server the alerts appear on the dashboard only, and the dashboard says so.

use super::mail;
use crate::AppState;
use chrono::Utc;
use std::time::Duration;

/// Runs until aborted (the server aborts it at shutdown).
pub async fn run(state: AppState) {
    let interval = Duration::from_secs(state.settings.alert_interval_secs.max(1));
    let mut tick = tokio::time::interval(interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mailer = match state.settings.mail.as_ref().map(mail::mailer) {
        Some(Ok(m)) => Some(m),
        Some(Err(e)) => {
            tracing::error!(error = %e, "the mail server settings are not usable; overdue alerts go to the dashboard only");
            None
        }
        None => {
            tracing::info!("no mail server (smtp_host) configured: overdue safeguarding alerts are shown on the dashboard only");
            None
        }
    };
    loop {
        tick.tick().await;
        if let Err(e) = sweep(&state, mailer.as_ref()).await {
            tracing::warn!(error = %e, "overdue alert sweep failed; trying again next time");
        }
    }
}

/// One pass: raise what is newly overdue, then send what is waiting to be sent.
pub(crate) async fn sweep(
    state: &AppState,
    mailer: Option<&mail::Mailer>,
) -> Result<(), mnvp_store::StoreError> {
    let store = &state.store;
    store
        .raise_overdue_alerts(Utc::now(), mailer.is_some())
        .await?;
    let (Some(mailer), Some(settings)) = (mailer, state.settings.mail.as_ref()) else {
        return Ok(());
    };
    let link_base = state.settings.link_base();
    for alert in store.pending_alert_mail().await? {
        let result = mail::send_alert(mailer, settings, &alert, &link_base).await;
        if let Err(e) = &result {
            tracing::warn!(case = alert.case_id, error = %e, "could not send an overdue alert email");
        }
        store
            .mark_alert_mail(alert.alert_id, result.is_ok())
            .await?;
    }
    Ok(())
}
