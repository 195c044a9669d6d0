//! Alert emails over SMTP. An alert says which case and which step is overdue, with a link:
//! never any feedback text, names or other personal details, because email leaves the system.

use crate::settings::{MailSettings, MailTls};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use mnvp_domain::safety::case::Stage;
use mnvp_domain::uk_time::to_uk;
use mnvp_store::safety::alerts::AlertMail;
use std::time::Duration;

pub(crate) type Mailer = AsyncSmtpTransport<Tokio1Executor>;

/// A transport for the configured server.
pub(crate) fn mailer(s: &MailSettings) -> Result<Mailer, String> {
    let builder = match s.tls {
        MailTls::None => Mailer::builder_dangerous(&s.host),
        MailTls::StartTls => Mailer::starttls_relay(&s.host).map_err(|e| e.to_string())?,
        MailTls::Tls => Mailer::relay(&s.host).map_err(|e| e.to_string())?,
    };
    let mut builder = builder.port(s.port).timeout(Some(Duration::from_secs(20)));
    if let (Some(u), Some(p)) = (&s.username, &s.password) {
        builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(builder.build())
}

/// The words of an alert: the MNVP, the case number, the step, when it was due, and a link.
pub(crate) fn alert_text(alert: &AlertMail, link_base: &str) -> (String, String) {
    let stage = Stage::parse(&alert.stage)
        .map(|s| s.label().to_lowercase())
        .unwrap_or_else(|_| "a step".into());
    let due = mnvp_store::parse_time(&alert.due)
        .map(|t| to_uk(t).format("%-d %B %Y at %H:%M").to_string())
        .unwrap_or_else(|| alert.due.clone());
    let subject = format!("Safeguarding case {} is overdue: {stage}", alert.case_id);
    let body = format!(
        "A safeguarding case at {mnvp} has a step past its deadline.\n\n\
         Case: {case}\nOverdue step: {stage}\nDue: {due} (UK time)\n\n\
         Open the case to record the next step:\n{link_base}/safety/cases/{case}\n\n\
         This email does not contain any feedback or personal details. Sign in to MNVP Hub to see the case.\n",
        mnvp = alert.mnvp_name,
        case = alert.case_id,
    );
    (subject, body)
}

/// Sends one alert to the MNVP's leads.
pub(crate) async fn send_alert(
    mailer: &Mailer,
    settings: &MailSettings,
    alert: &AlertMail,
    link_base: &str,
) -> Result<(), String> {
    if alert.to.is_empty() {
        return Err("the MNVP has no active lead account to email".into());
    }
    let from: Mailbox = settings
        .from
        .parse()
        .map_err(|e| format!("smtp_from '{}' is not an email address: {e}", settings.from))?;
    let (subject, body) = alert_text(alert, link_base);
    let mut message = Message::builder().from(from).subject(subject);
    for to in &alert.to {
        message = message.to(to
            .parse()
            .map_err(|e| format!("lead address is not usable: {e}"))?);
    }
    let message = message
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())?;
    mailer
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_names_the_case_and_step_and_nothing_else() {
        let alert = AlertMail {
            alert_id: 1,
            case_id: 42,
            mnvp_name: "Riverside MNVP".into(),
            stage: "review".into(),
            due: "2026-07-14T13:30:00Z".into(),
            to: vec!["lead@example.org".into()],
        };
        let (subject, body) = alert_text(&alert, "https://hub.example");
        assert_eq!(
            subject,
            "Safeguarding case 42 is overdue: review and decision"
        );
        assert!(body.contains("https://hub.example/safety/cases/42"));
        assert!(body.contains("14 July 2026 at 14:30"), "in UK time: {body}");
    }
}
