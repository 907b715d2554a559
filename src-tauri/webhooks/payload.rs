//! The text of a push, in the user's language, and the JSON body each service expects:
//! WeCom and DingTalk robots `{"msgtype":"text","text":{"content":…}}`, Feishu
//! `{"msg_type":"text","content":{"text":…}}`, Slack `{"text":…}`, Discord `{"content":…}`
//! (at most 2,000 characters), and a generic JSON event with the structured items.
use super::WebhookKind;
use crate::reminders::digest::Digest;
use crate::reminders::DueReminder;
use crate::settings::Language;
use serde_json::{json, Value};

/// The message of follow-ups coming due.
pub fn reminders_text(due: &[DueReminder], language: Language) -> String {
    let mut out = match language {
        Language::ZhCn => String::from("【群主工作台】该跟进了："),
        Language::En => String::from("[GroupDesk] Follow-ups due:"),
    };
    for d in due {
        out.push_str(&format!("\n· {} — {}", d.nickname, d.reason));
    }
    out
}

/// The morning summary.
pub fn digest_text(d: &Digest, language: Language) -> String {
    let zh = language == Language::ZhCn;
    let mut out = if zh {
        format!(
            "【群主工作台】{} 今日概览\n逾期 {} · 今天到期 {} · 今天生日 {} · 该联系 {}",
            d.date.format("%m月%d日"),
            d.overdue,
            d.due_today,
            d.birthdays.len(),
            d.cadence_due
        )
    } else {
        format!(
            "[GroupDesk] Today, {}\nOverdue {} · Due today {} · Birthdays {} · To keep in touch {}",
            d.date.format("%b %-d"),
            d.overdue,
            d.due_today,
            d.birthdays.len(),
            d.cadence_due
        )
    };
    for item in &d.today_items {
        out.push_str(&format!("\n· {item}"));
    }
    if !d.birthdays.is_empty() {
        let label = if zh { "生日" } else { "Birthdays" };
        let sep = if zh { "、" } else { ", " };
        out.push_str(&format!("\n{label}: {}", d.birthdays.join(sep)));
    }
    if !d.spotlight.is_empty() {
        let label = if zh { "今日群星" } else { "Spotlight" };
        out.push_str(&format!("\n{label}: {}", d.spotlight.join("; ")));
    }
    out
}

/// The body for `kind` carrying `text`; `event` and `data` fill the generic JSON one.
pub fn body(kind: WebhookKind, text: &str, event: &str, data: Value) -> Value {
    match kind {
        WebhookKind::Wecom | WebhookKind::Dingtalk => {
            json!({ "msgtype": "text", "text": { "content": text } })
        }
        WebhookKind::Feishu => json!({ "msg_type": "text", "content": { "text": text } }),
        WebhookKind::Slack => json!({ "text": text }),
        WebhookKind::Discord => {
            let content: String = text.chars().take(2000).collect();
            json!({ "content": content })
        }
        WebhookKind::Json => json!({
            "source": "groupdesk",
            "event": event,
            "text": text,
            "data": data,
        }),
    }
}

/// The structured items of a reminders push, for the generic JSON event.
pub fn reminders_data(due: &[DueReminder]) -> Value {
    Value::Array(
        due.iter()
            .map(|d| {
                json!({
                    "reminder_id": d.id,
                    "member_id": d.member_id,
                    "member": d.nickname,
                    "reason": d.reason,
                    "due_at": d.fire_at,
                })
            })
            .collect(),
    )
}

pub fn digest_data(d: &Digest) -> Value {
    json!({
        "date": d.date.to_string(),
        "overdue": d.overdue,
        "due_today": d.due_today,
        "today": d.today_items,
        "birthdays": d.birthdays,
        "cadence_due": d.cadence_due,
        "spotlight": d.spotlight,
    })
}

/// The body of a test message to a webhook of `kind`.
pub fn test_body(kind: WebhookKind, language: Language) -> String {
    let text = match language {
        Language::ZhCn => "【群主工作台】测试消息：连接正常。",
        Language::En => "[GroupDesk] Test message: the connection works.",
    };
    body(kind, text, "test", serde_json::json!({})).to_string()
}
