//! Commands for webhook pushes: list (URLs masked), save, delete, send a test, recent pushes.
use super::{ApiError, ErrorCode};
use crate::session::Session;
use crate::settings;
use crate::webhooks::{self, Delivery, Webhook, WebhookError, WebhookInput};
use chrono::Utc;
use tauri::State;

impl From<WebhookError> for ApiError {
    fn from(e: WebhookError) -> Self {
        let message = e.to_string();
        match e {
            WebhookError::Invalid(fields) => ApiError {
                code: ErrorCode::Validation,
                key: "webhook.invalid".into(),
                message,
                fields,
                params: Default::default(),
            },
            WebhookError::NotFound(_) => {
                ApiError::new(ErrorCode::NotFound, "webhook.not_found", message)
            }
            WebhookError::Storage(e) => ApiError::from(crate::store::StoreError::Sqlite(e)),
        }
    }
}

#[tauri::command(async)]
pub fn list_webhooks(state: State<'_, Session>) -> Result<Vec<Webhook>, ApiError> {
    state.read(|c| Ok(webhooks::list(c)?))
}

#[tauri::command(async)]
pub fn save_webhook(
    state: State<'_, Session>,
    id: Option<i64>,
    input: WebhookInput,
) -> Result<Webhook, ApiError> {
    state.write(|w| Ok(webhooks::save(w, id, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn delete_webhook(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok(webhooks::delete(w, id)?))
}

#[tauri::command(async)]
pub fn webhook_deliveries(state: State<'_, Session>, id: i64) -> Result<Vec<Delivery>, ApiError> {
    state.read(|c| Ok(webhooks::deliveries(c, id, 20)?))
}

/// Sends a test message now; the error's `message` is the service's reason (never the URL).
#[tauri::command]
pub async fn test_webhook(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    let language = state
        .read(|c| Ok::<_, ApiError>(settings::load(c)?.language))
        .unwrap_or(settings::Language::ZhCn);
    let client = webhooks::send::client(webhooks::send::TIMEOUT);
    match crate::scheduler::deliver::send_test(state.inner(), &client, id, language, Utc::now())
        .await?
    {
        Ok(()) => Ok(()),
        Err(reason) => Err(ApiError::new(
            ErrorCode::Storage,
            "webhook.test_failed",
            reason,
        )),
    }
}
