//! The Addressing Inequalities annual report as the lead saved it, one row per line per year.

use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::voices::annual_report::{Answer, Entry, Line, Report, Year};

/// The line under which "What has been improved?" is kept.
const IMPROVED: &str = "improved";

impl Store {
    /// The saved report for a year, with when it was last saved; `None` if never saved.
    pub async fn annual_report(
        &self,
        mnvp_id: i64,
        year: Year,
    ) -> Result<Option<(Report, String)>, StoreError> {
        let rows: Vec<(String, Option<String>, String, String)> = read!(self, |pool| {
            sqlx::query_as(
                "SELECT line, answer, notes, updated_at FROM voices_annual_reports \
                 WHERE mnvp_id = $1 AND year = $2",
            )
            .bind(mnvp_id)
            .bind(year.0)
            .fetch_all(pool)
            .await?
        });
        if rows.is_empty() {
            return Ok(None);
        }
        let saved_at = rows.iter().map(|r| r.3.clone()).max().unwrap_or_default();
        let find = |line: &str| rows.iter().find(|r| r.0 == line);
        let entries = Line::ALL
            .iter()
            .map(|line| {
                let row = find(line.as_str());
                Entry {
                    line: *line,
                    answer: row
                        .and_then(|r| r.1.as_deref())
                        .and_then(|a| Answer::parse(a).ok()),
                    notes: row.map(|r| r.2.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let improved = find(IMPROVED).map(|r| r.2.clone()).unwrap_or_default();
        Ok(Some((
            Report {
                year,
                entries,
                improved,
            },
            saved_at,
        )))
    }

    /// Saves every line of the report (replacing what was saved for that year), audited.
    pub async fn save_annual_report(
        &self,
        mnvp_id: i64,
        report: &Report,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let now = now_text();
            let rows = report
                .entries
                .iter()
                .map(|e| {
                    (
                        e.line.as_str(),
                        e.answer.map(Answer::as_str),
                        e.notes.as_str(),
                    )
                })
                .chain(std::iter::once((IMPROVED, None, report.improved.as_str())));
            for (line, answer, notes) in rows {
                sqlx::query(
                    "INSERT INTO voices_annual_reports (mnvp_id, year, line, answer, notes, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (mnvp_id, year, line) \
                     DO UPDATE SET answer = excluded.answer, notes = excluded.notes, updated_at = excluded.updated_at",
                )
                .bind(mnvp_id)
                .bind(report.year.0)
                .bind(line)
                .bind(answer)
                .bind(notes)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
            }
            audit_append!(
                tx,
                actor,
                "update",
                "annual_report",
                Some(mnvp_id),
                format!("Addressing Inequalities report {}", report.year.label())
            );
        });
        Ok(())
    }
}
