//! Overdue alerts: each overdue stage of a case is raised once (a row per case and stage), and
//! the email about it is sent once. The sweep that raises them and the mailer that sends them
//! run in the server; this module keeps the record so a restart neither repeats nor loses one.

use crate::{now_text, time_text, Actor, Store, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Attempts at sending one alert email before it is given up as failed.
pub const MAX_ATTEMPTS: i64 = 5;

/// An alert whose email is still to be sent, with where it goes. Holds no feedback text.
#[derive(Debug, Clone, Serialize)]
pub struct AlertMail {
    pub alert_id: i64,
    pub case_id: i64,
    pub mnvp_name: String,
    pub stage: String,
    pub due: String,
    /// The MNVP's active leads.
    pub to: Vec<String>,
}

/// One raised alert, for the case page.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Alert {
    pub id: i64,
    pub case_id: i64,
    pub stage: String,
    pub due: String,
    pub raised_at: String,
    pub email_status: String,
    pub emailed_at: Option<String>,
}

impl Store {
    /// Raises an alert for every stage overdue at `now` that has none yet, and returns how many
    /// were raised. With `email` false (no mail server configured) they are recorded as not
    /// emailed, so switching mail on later does not send a backlog.
    pub async fn raise_overdue_alerts(
        &self,
        now: DateTime<Utc>,
        email: bool,
    ) -> Result<u64, StoreError> {
        let mut raised = 0;
        for case in self.open_cases_everywhere().await? {
            for d in case.facts().overdue(&case.procedure.procedure, now) {
                let id = case.row.id;
                let stage = d.stage.as_str();
                let added = write_tx!(self, |tx| {
                    let n = sqlx::query(
                        "INSERT INTO safety_alerts (case_id, stage, due, raised_at, email_status) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, stage) DO NOTHING",
                    )
                    .bind(id)
                    .bind(stage)
                    .bind(time_text(d.due))
                    .bind(now_text())
                    .bind(if email { "pending" } else { "off" })
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if n > 0 {
                        audit_append!(
                            tx,
                            &Actor::system(),
                            "alert",
                            "safety_case",
                            Some(id),
                            format!("overdue: {}", d.stage.label().to_lowercase())
                        );
                    }
                    n
                });
                raised += added;
            }
        }
        Ok(raised)
    }

    /// Alerts whose email is still to be sent, oldest first.
    pub async fn pending_alert_mail(&self) -> Result<Vec<AlertMail>, StoreError> {
        let rows: Vec<(i64, i64, i64, String, String, String)> = read!(self, |pool| {
            sqlx::query_as(
                "SELECT a.id, a.case_id, c.mnvp_id, m.name, a.stage, a.due FROM safety_alerts a \
                 JOIN safety_cases c ON c.id = a.case_id JOIN organisations m ON m.id = c.mnvp_id \
                 WHERE a.email_status = 'pending' ORDER BY a.id",
            )
            .fetch_all(pool)
            .await?
        });
        let mut out = Vec::with_capacity(rows.len());
        for (alert_id, case_id, mnvp_id, mnvp_name, stage, due) in rows {
            let to: Vec<(String,)> = read!(self, |pool| {
                sqlx::query_as(
                "SELECT email FROM users WHERE role = 'mnvp_lead' AND org_id = $1 AND active = TRUE ORDER BY email"
            )
            .bind(mnvp_id)
            .fetch_all(pool)
            .await?
            });
            out.push(AlertMail {
                alert_id,
                case_id,
                mnvp_name,
                stage,
                due,
                to: to.into_iter().map(|(e,)| e).collect(),
            });
        }
        Ok(out)
    }

    /// Records a send attempt: sent, or one more failure (given up after [`MAX_ATTEMPTS`]).
    pub async fn mark_alert_mail(&self, alert_id: i64, sent: bool) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            if sent {
                sqlx::query(
                    "UPDATE safety_alerts SET email_status = 'sent', emailed_at = $1, attempts = attempts + 1 WHERE id = $2",
                )
                .bind(now_text())
                .bind(alert_id)
                .execute(&mut *tx)
                .await?;
            } else {
                sqlx::query(
                    "UPDATE safety_alerts SET attempts = attempts + 1, \
                     email_status = CASE WHEN attempts + 1 >= $1 THEN 'failed' ELSE 'pending' END WHERE id = $2",
                )
                .bind(MAX_ATTEMPTS)
                .bind(alert_id)
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }

    /// The alerts raised for a case.
    pub async fn case_alerts(&self, case_id: i64) -> Result<Vec<Alert>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, Alert>(
            "SELECT id, case_id, stage, due, raised_at, email_status, emailed_at FROM safety_alerts \
             WHERE case_id = $1 ORDER BY id"
        )
        .bind(case_id)
        .fetch_all(pool)
        .await?
        }))
    }
}
