//! Background model building and scoring. Pages never wait for a model: they ask the worker
//! (`Jobs::request`) and return; the worker trains on a blocking thread, records the new
//! version (or the failure, keeping the version in use) and scores every item that the model
//! in use has not scored yet — new feedback included — in batches. A periodic sweep catches
//! feedback that arrived through any channel without a request.

use super::engine;
use crate::AppState;
use mnvp_store::themes::{ModelVersion, NewModelVersion};
use mnvp_store::{Actor, Store, StoreError};
use mnvp_text::themes::ThemeModel;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// Items scored per batch (one transaction each).
const SCORE_BATCH: i64 = 500;

/// The model in use for a codebook, and the versions that could not be read.
#[derive(Clone)]
pub struct Active {
    pub version: ModelVersion,
    pub model: Arc<ThemeModel>,
    /// (version number, why it could not be used), newest first.
    pub unreadable: Vec<(i64, String)>,
}

/// Work asked of the worker, and the models it has loaded.
#[derive(Default)]
pub struct Jobs {
    pending: Mutex<BTreeSet<i64>>,
    forced: Mutex<BTreeSet<i64>>,
    notify: Notify,
    loaded: Mutex<BTreeMap<i64, (i64, Arc<ThemeModel>)>>,
}

impl Jobs {
    /// Asks for a codebook's model to be brought up to date (retrained if enough new coding
    /// has arrived) and its items scored. Returns at once.
    pub fn request(&self, codebook_id: i64) {
        if let Ok(mut p) = self.pending.lock() {
            p.insert(codebook_id);
        }
        self.notify.notify_one();
    }

    /// Asks for a new model version now, whatever has changed.
    pub fn retrain(&self, codebook_id: i64) {
        if let Ok(mut f) = self.forced.lock() {
            f.insert(codebook_id);
        }
        self.request(codebook_id);
    }

    fn take(&self) -> (BTreeSet<i64>, BTreeSet<i64>) {
        let pending = self.pending.lock().map(|mut p| std::mem::take(&mut *p));
        let forced = self.forced.lock().map(|mut f| std::mem::take(&mut *f));
        (pending.unwrap_or_default(), forced.unwrap_or_default())
    }

    fn cached(&self, model_id: i64, codebook_id: i64) -> Option<Arc<ThemeModel>> {
        let loaded = self.loaded.lock().ok()?;
        loaded
            .get(&codebook_id)
            .filter(|(id, _)| *id == model_id)
            .map(|(_, m)| m.clone())
    }

    fn remember(&self, codebook_id: i64, model_id: i64, model: Arc<ThemeModel>) {
        if let Ok(mut loaded) = self.loaded.lock() {
            loaded.insert(codebook_id, (model_id, model));
        }
    }
}

fn worker_actor() -> Actor {
    Actor {
        user_id: None,
        label: "system:themes".into(),
        ip: "local".into(),
    }
}

/// The newest ready version whose model loads. One that cannot be read (damaged, or from an
/// unknown format) is marked failed with the reason and the one before it is used: a damaged
/// model never replaces a working one, and no coding depends on a model.
pub async fn active_model(
    store: &Store,
    jobs: &Jobs,
    codebook_id: i64,
) -> Result<Option<Active>, StoreError> {
    let mut unreadable = Vec::new();
    for v in store.model_versions(codebook_id).await? {
        if v.status != "ready" {
            continue;
        }
        if let Some(model) = jobs.cached(v.id, codebook_id) {
            return Ok(Some(Active {
                version: v,
                model,
                unreadable,
            }));
        }
        let bytes = store.model_bytes(v.id).await?;
        match tokio::task::spawn_blocking({
            let v = v.clone();
            move || engine::load(&v, bytes.as_deref())
        })
        .await
        {
            Ok(Ok(model)) => {
                let model = Arc::new(model);
                jobs.remember(codebook_id, v.id, model.clone());
                return Ok(Some(Active {
                    version: v,
                    model,
                    unreadable,
                }));
            }
            Ok(Err(why)) => {
                let reason = format!(
                    "The stored model could not be read ({why}); the version before it is used instead. Retrain to replace it."
                );
                store
                    .mark_model_unreadable(v.id, &reason, &worker_actor())
                    .await?;
                tracing::warn!(
                    codebook_id,
                    version = v.version,
                    "theme model unreadable: {why}"
                );
                unreadable.push((v.version, why));
            }
            Err(e) => unreadable.push((v.version, format!("could not be read: {e}"))),
        }
    }
    Ok(None)
}

/// Whether a codebook needs a new version: none yet, its themes changed, enough new coded
/// items since the last attempt, or a person asked. A failed attempt is not repeated until
/// something changes.
pub fn due(
    versions: &[ModelVersion],
    codebook_version: i64,
    trainable: usize,
    retrain_after: usize,
    forced: bool,
) -> bool {
    let Some(last) = versions.first() else {
        return true;
    };
    forced
        || last.codebook_version != codebook_version
        || trainable.abs_diff(last.coded_items.max(0) as usize) >= retrain_after.max(1)
        || (last.kind == "phrases"
            && last.status == "ready"
            && trainable >= engine::MIN_TRAINING_ITEMS)
}

/// A trained model is never swapped for phrase matching because fewer coded items can be
/// learnt from than before (a second coder's disagreements wait for the lead; codings were
/// changed): the attempt is recorded as failed with the reason and the trained version stays in
/// use. After the codebook itself changed, the new codebook's phrases are the better guide.
pub fn keep_trained(built: NewModelVersion, versions: &[ModelVersion]) -> NewModelVersion {
    let Some(in_use) = versions.iter().find(|v| v.status == "ready") else {
        return built;
    };
    if built.status != "ready"
        || built.kind != "phrases"
        || in_use.kind != "trained"
        || in_use.codebook_version != built.codebook_version
    {
        return built;
    }
    NewModelVersion {
        status: "failed",
        model: None,
        message: format!(
            "Too few coded items to train: {} can be learnt from now (disputed items wait for the lead's resolution) and a model needs {}. Version {} (trained on {} items) stays in use.",
            built.coded_items,
            engine::MIN_TRAINING_ITEMS,
            in_use.version,
            in_use.trained_on
        ),
        ..built
    }
}

/// Brings one codebook's model up to date and scores what needs scoring: first a new version
/// (if one is due) is trained, put in use and scores every item, suggesting only; then its
/// precision and recall are measured and attached, and every item is scored again with themes
/// applied on their own. A new version is thus useful in the time training takes, not the
/// several times longer that cross-validation takes.
pub async fn refresh(
    store: &Store,
    jobs: &Jobs,
    codebook_id: i64,
    retrain_after: usize,
    forced: bool,
) -> Result<(), StoreError> {
    put_in_use(store, jobs, codebook_id, retrain_after, forced).await?;
    measure_in_use(store, jobs, codebook_id).await
}

/// The first step of `refresh`: builds and records a new version if one is due (the version
/// in use stays when the attempt fails) and scores what the version in use has not scored.
pub async fn put_in_use(
    store: &Store,
    jobs: &Jobs,
    codebook_id: i64,
    retrain_after: usize,
    forced: bool,
) -> Result<(), StoreError> {
    let codebook = store.get_codebook(codebook_id).await?;
    if codebook.mnvp_id.is_none() {
        return Ok(()); // shared codebooks are templates: nobody codes with them
    }
    let themes = store.codebook_themes(codebook_id).await?;
    let codings = store.codebook_codings(codebook_id).await?;
    let labels = engine::trainable_labels(&codings, &themes);
    let versions = store.model_versions(codebook_id).await?;
    if due(
        &versions,
        codebook.version,
        labels.len(),
        retrain_after,
        forced,
    ) {
        let ids: Vec<i64> = labels.keys().copied().collect();
        let texts = store.feedback_by_ids(&ids).await?;
        let items = texts
            .into_iter()
            .filter_map(|f| {
                let l = labels.get(&f.id)?.clone();
                // Models learn from the redacted text: names and numbers carry no theme,
                // and the sealed originals stay closed.
                Some((f.id, f.body_redacted?, l))
            })
            .collect();
        let input = engine::BuildInput {
            codebook_id,
            codebook_version: codebook.version,
            themes: themes.clone(),
            items,
            now: mnvp_store::now_text(),
        };
        let built = tokio::task::spawn_blocking(move || engine::build(&input))
            .await
            .map_err(|e| StoreError::Other(format!("model building stopped: {e}")))?;
        let built = keep_trained(built, &versions);
        if built.status == "failed" {
            tracing::warn!(codebook_id, "theme model not built: {}", built.message);
        }
        store.add_model_version(&built, &worker_actor()).await?;
    }
    score_items(store, jobs, codebook_id).await
}

/// The second step of `refresh`: if the version in use is still being measured, measures its
/// cross-validated precision and recall from its training snapshot (so a restart in between
/// loses nothing), attaches them and scores every item again.
pub async fn measure_in_use(
    store: &Store,
    jobs: &Jobs,
    codebook_id: i64,
) -> Result<(), StoreError> {
    let Some(active) = active_model(store, jobs, codebook_id).await? else {
        return Ok(());
    };
    if !engine::figures(&active.version).measuring {
        return Ok(());
    }
    let version = active.version;
    let snapshot = store.model_snapshot(version.id).await?;
    let themes = store.codebook_themes(codebook_id).await?;
    let ids: Vec<i64> = serde_json::from_str::<engine::Snapshot>(&snapshot)
        .map(|s| s.items.iter().map(|i| i.feedback_id).collect())
        .unwrap_or_default();
    let texts = store
        .feedback_by_ids(&ids)
        .await?
        .into_iter()
        // Measured on the same redacted text the version was trained on.
        .filter_map(|f| Some((f.id, f.body_redacted?)))
        .collect();
    let measured = tokio::task::spawn_blocking({
        let version = version.clone();
        move || {
            engine::measure_input(&version, &snapshot, &themes, &texts)
                .and_then(|input| engine::measure(&input))
        }
    })
    .await
    .map_err(|e| StoreError::Other(format!("measuring stopped: {e}")))?;
    let (figures, message) = match measured {
        Ok(f) => (f, String::new()),
        Err(why) => {
            tracing::warn!(
                codebook_id,
                version = version.version,
                "theme model not measured: {why}"
            );
            (
                engine::Figures::default(),
                format!("Precision and recall could not be measured ({why}). Its themes are only suggested, never applied on their own; retrain to measure again."),
            )
        }
    };
    let metrics = serde_json::to_string(&figures).unwrap_or_default();
    store
        .attach_model_figures(version.id, &metrics, &message, &worker_actor())
        .await?;
    score_items(store, jobs, codebook_id).await
}

/// Scores, in batches, every item the version in use has not scored yet.
async fn score_items(store: &Store, jobs: &Jobs, codebook_id: i64) -> Result<(), StoreError> {
    let codebook = store.get_codebook(codebook_id).await?;
    let Some(mnvp_id) = codebook.mnvp_id else {
        return Ok(());
    };
    let Some(active) = active_model(store, jobs, codebook_id).await? else {
        return Ok(());
    };
    let theme_ids = engine::theme_ids(&active.version);
    let threshold = engine::auto_threshold(&active.version, codebook.auto_threshold);
    loop {
        let batch = store
            .items_to_score(codebook_id, mnvp_id, active.version.id, SCORE_BATCH)
            .await?;
        if batch.is_empty() {
            break;
        }
        let model = active.model.clone();
        let ids = theme_ids.clone();
        let scores =
            tokio::task::spawn_blocking(move || engine::score(&model, &ids, threshold, &batch))
                .await
                .map_err(|e| StoreError::Other(format!("scoring stopped: {e}")))?;
        store
            .save_scores(codebook_id, active.version.id, &scores, &worker_actor())
            .await?;
    }
    Ok(())
}

/// The worker: waits for requests (or the periodic sweep of every MNVP codebook) and
/// refreshes each codebook asked for. Errors are logged and retried on the next sweep.
pub async fn run(state: AppState) {
    let jobs = state.themes.clone();
    let sweep = std::time::Duration::from_secs(state.settings.theme_sweep_secs.max(1));
    let retrain_after = state.settings.theme_retrain_after;
    let mut tick = tokio::time::interval(sweep);
    loop {
        tokio::select! {
            _ = jobs.notify.notified() => {}
            _ = tick.tick() => match all_mnvp_codebooks(&state.store).await {
                Ok(all) => {
                    if let Ok(mut p) = jobs.pending.lock() {
                        p.extend(all);
                    }
                }
                Err(e) => tracing::warn!(error = %e, "theme sweep could not list codebooks"),
            },
        }
        // Every requested codebook gets its new version (training: seconds) before any is
        // measured (cross-validation: several times longer), and requests that arrive during
        // a measurement are served before the next one, so one codebook's measurement never
        // keeps another's fresh coding waiting for more than one measurement.
        let mut to_measure = Measurements::default();
        loop {
            let (pending, forced) = jobs.take();
            for id in pending.union(&forced) {
                let put = put_in_use(&state.store, &jobs, *id, retrain_after, forced.contains(id));
                match put.await {
                    Ok(()) => to_measure.add(*id),
                    Err(e) => {
                        tracing::warn!(codebook_id = id, error = %e, "theme model refresh failed")
                    }
                }
            }
            let Some(id) = to_measure.next() else {
                break;
            };
            if let Err(e) = measure_in_use(&state.store, &jobs, id).await {
                tracing::warn!(codebook_id = id, error = %e, "theme model measuring failed");
            }
        }
    }
}

/// Codebooks whose version in use may still need measuring, first come first served, each once.
#[derive(Default)]
struct Measurements(std::collections::VecDeque<i64>);

impl Measurements {
    fn add(&mut self, codebook_id: i64) {
        if !self.0.contains(&codebook_id) {
            self.0.push_back(codebook_id);
        }
    }

    fn next(&mut self) -> Option<i64> {
        self.0.pop_front()
    }
}

async fn all_mnvp_codebooks(store: &Store) -> Result<Vec<i64>, StoreError> {
    let mnvps = store
        .list_orgs_of_kind(mnvp_domain::organisation::OrgKind::Mnvp)
        .await?;
    let ids: Vec<i64> = mnvps.iter().map(|m| m.id).collect();
    Ok(store
        .list_codebooks(&ids, false)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::Measurements;

    #[test]
    fn measurements_are_first_come_first_served_and_never_twice() {
        let mut m = Measurements::default();
        m.add(7);
        m.add(3);
        m.add(7);
        assert_eq!(m.next(), Some(7));
        // A request served during 7's measurement joins the queue behind 3.
        m.add(9);
        m.add(3);
        assert_eq!((m.next(), m.next(), m.next()), (Some(3), Some(9), None));
    }
}
