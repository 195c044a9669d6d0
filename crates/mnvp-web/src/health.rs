//! Liveness and readiness for load balancers and orchestrators.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

/// The process is up and serving HTTP.
pub async fn get_health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The process can reach its database; 503 otherwise, so traffic goes elsewhere.
pub async fn get_ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let engine = match state.store.engine() {
        mnvp_store::Engine::Sqlite => "sqlite",
        mnvp_store::Engine::Postgres => "postgres",
    };
    match state.store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": engine })),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": engine })),
            )
        }
    }
}
