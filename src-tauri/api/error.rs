//! The one error shape the UI sees.
use crate::groups::GroupError;
use crate::members::MemberError;
use crate::store::StoreError;
use crate::transfer::TransferError;
use crate::validate::FieldError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure, for the UI to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input broke a rule; `fields` says which.
    Validation,
    NotFound,
    /// The change clashes with existing data (a name already taken).
    Conflict,
    /// The workspace file is damaged, foreign or too new.
    Workspace,
    /// The workspace is not open (the UI shows the recovery screen).
    WorkspaceUnavailable,
    /// Reading or writing the disk failed.
    Storage,
    /// The user cancelled the job; nothing was changed.
    Cancelled,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    /// The UI catalogue key of the sentence to show, e.g. `group.name_taken`.
    pub key: String,
    /// An English description for logs and support; the UI shows `key` translated.
    pub message: String,
    /// Field-level problems, for `validation`.
    pub fields: Vec<FieldError>,
    /// Values the sentence names (`{limit}`, `{row}`…).
    pub params: std::collections::BTreeMap<String, String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, key: &str, message: impl Into<String>) -> Self {
        ApiError {
            code,
            key: key.to_string(),
            message: message.into(),
            fields: Vec::new(),
            params: Default::default(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.into(), value.to_string());
        self
    }
}

impl From<GroupError> for ApiError {
    fn from(e: GroupError) -> Self {
        let message = e.to_string();
        match e {
            GroupError::Invalid(fields) => ApiError {
                code: ErrorCode::Validation,
                key: "group.invalid".into(),
                message,
                fields,
                params: Default::default(),
            },
            GroupError::NotFound(_) => {
                ApiError::new(ErrorCode::NotFound, "group.not_found", message)
            }
            GroupError::NameTaken(_) => {
                ApiError::new(ErrorCode::Conflict, "group.restore_name_taken", message)
            }
            GroupError::NotInTrash(_) => {
                ApiError::new(ErrorCode::Conflict, "group.not_in_trash", message)
            }
            GroupError::Storage(e) => ApiError::from(StoreError::Sqlite(e)),
        }
    }
}

impl From<MemberError> for ApiError {
    fn from(e: MemberError) -> Self {
        let message = e.to_string();
        let (code, key) = match e {
            MemberError::Invalid(fields) => {
                return ApiError {
                    code: ErrorCode::Validation,
                    key: "member.invalid".into(),
                    message,
                    fields,
                    params: Default::default(),
                }
            }
            MemberError::Storage(e) => return ApiError::from(StoreError::Sqlite(e)),
            MemberError::NotFound(_) => (ErrorCode::NotFound, "member.not_found"),
            MemberError::GroupNotFound(_) => (ErrorCode::NotFound, "group.not_found"),
            MemberError::NotInGroup(_) => (ErrorCode::Conflict, "member.not_in_group"),
            MemberError::AlreadyInGroup(_) => (ErrorCode::Conflict, "member.already_in_group"),
            MemberError::NoteNotFound(_) => (ErrorCode::NotFound, "note.not_found"),
            MemberError::TagNotFound(_) => (ErrorCode::NotFound, "tag.not_found"),
            MemberError::TagTaken(_) => (ErrorCode::Conflict, "tag.taken"),
            MemberError::SegmentTaken(_) => (ErrorCode::Conflict, "segment.taken"),
            MemberError::FieldTaken(_) => (ErrorCode::Conflict, "field.taken"),
            MemberError::NotInTrash(_) => (ErrorCode::Conflict, "member.not_in_trash"),
            MemberError::Cancelled(_) => (ErrorCode::Cancelled, "job.cancelled"),
        };
        ApiError::new(code, key, message)
    }
}

impl From<TransferError> for ApiError {
    fn from(e: TransferError) -> Self {
        let message = e.to_string();
        let (code, key) = match e {
            TransferError::Member(m) => return m.into(),
            TransferError::Storage(s) => return s.into(),
            TransferError::Io { .. } | TransferError::Read(_) => {
                (ErrorCode::Storage, "import.unreadable")
            }
            TransferError::Limit { limit, row } => {
                let key = format!("import.limit.{}", limit.key());
                let mut err = ApiError::new(ErrorCode::Validation, &key, message)
                    .with("limit", limit.amount_text());
                if let Some(r) = row {
                    err = err.with("row", r);
                }
                return err;
            }
            TransferError::OldSpreadsheet => (ErrorCode::Validation, "import.old_spreadsheet"),
            TransferError::Encoding(_) => (ErrorCode::Validation, "import.encoding"),
            TransferError::MixedEncoding { line } => {
                return ApiError::new(ErrorCode::Validation, "import.mixed_encoding", message)
                    .with("line", line)
            }
            TransferError::Format(_) => (ErrorCode::Validation, "import.format"),
            TransferError::Empty => (ErrorCode::Validation, "import.empty"),
            TransferError::NoNickname => (ErrorCode::Validation, "import.no_nickname_column"),
            TransferError::Write(_) | TransferError::File(_) => {
                (ErrorCode::Storage, "export.failed")
            }
            TransferError::Exists(_) => (ErrorCode::Conflict, "export.exists"),
            TransferError::InsideWorkspace(_) => (ErrorCode::Validation, "export.inside_workspace"),
            TransferError::Cancelled(_) => (ErrorCode::Cancelled, "job.cancelled"),
        };
        ApiError::new(code, key, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::from(&e)
    }
}

impl From<&StoreError> for ApiError {
    fn from(e: &StoreError) -> Self {
        let message = e.to_string();
        let (code, key) = match e {
            StoreError::NotADatabase { .. } => (ErrorCode::Workspace, "store.not_a_database"),
            StoreError::Damaged { .. } => (ErrorCode::Workspace, "store.damaged"),
            StoreError::TooNew { .. } => (ErrorCode::Workspace, "store.too_new"),
            StoreError::BackupNotFound(_) => (ErrorCode::NotFound, "backup.not_found"),
            StoreError::Missing(_) => (ErrorCode::NotFound, "store.missing"),
            StoreError::Cancelled => (ErrorCode::Cancelled, "job.cancelled"),
            StoreError::Io { .. } => (ErrorCode::Storage, "store.io"),
            StoreError::SqliteAt { .. } | StoreError::Sqlite(_) | StoreError::Migration(_) => {
                (ErrorCode::Storage, "store.storage")
            }
        };
        ApiError::new(code, key, message)
    }
}

impl From<crate::session::Unavailable> for ApiError {
    fn from(_: crate::session::Unavailable) -> Self {
        ApiError::new(
            ErrorCode::WorkspaceUnavailable,
            "workspace.unavailable",
            "the workspace could not be opened",
        )
    }
}

impl From<crate::progress::Cancelled> for ApiError {
    fn from(_: crate::progress::Cancelled) -> Self {
        ApiError::new(ErrorCode::Cancelled, "job.cancelled", "cancelled")
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::from(StoreError::Sqlite(e))
    }
}

impl From<crate::reminders::ReminderError> for ApiError {
    fn from(e: crate::reminders::ReminderError) -> Self {
        use crate::reminders::ReminderError as E;
        let message = e.to_string();
        let (code, key) = match e {
            E::Invalid(fields) => {
                return ApiError {
                    code: ErrorCode::Validation,
                    key: "reminder.invalid".into(),
                    message,
                    fields,
                    params: Default::default(),
                }
            }
            E::Storage(e) => return ApiError::from(StoreError::Sqlite(e)),
            E::NotFound(_) => (ErrorCode::NotFound, "reminder.not_found"),
            E::MemberNotFound(_) => (ErrorCode::NotFound, "member.not_found"),
            E::AlreadyDone(_) => (ErrorCode::Conflict, "reminder.already_done"),
            E::CadenceNotFound(_) => (ErrorCode::NotFound, "cadence.not_found"),
        };
        ApiError::new(code, key, message)
    }
}
