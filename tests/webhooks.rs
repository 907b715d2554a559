//! Webhook pushes against a real HTTP server on 127.0.0.1 (wiremock): the exact JSON each
//! service expects, a 500 retried to success, a timeout, a robot's error code, and the URL
//! (a secret) kept out of every message the user or a log sees.
mod common;

use chrono::{DateTime, Duration, Utc};
use common::at;
use groupdesk::members::{self, MemberInput};
use groupdesk::reminders::{self, Plan, ReminderInput};
use groupdesk::scheduler::{self, Announcement, Host};
use groupdesk::session::{Failure, Session};
use groupdesk::settings::Language;
use groupdesk::store::Store;
use groupdesk::webhooks::{self, send, WebhookInput, WebhookKind};
use serde_json::json;
use std::sync::Mutex;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

struct TestHost {
    session: Session,
    seen: Mutex<Vec<Announcement>>,
}

impl Host for TestHost {
    fn session(&self) -> &Session {
        &self.session
    }
    fn announce(&self, _: Language, what: Announcement) {
        self.seen.lock().unwrap().push(what);
    }
}

/// A workspace with one member and a follow-up due at 10:00 Shanghai on 24 November.
fn setup(now: DateTime<Utc>) -> (tempfile::TempDir, TestHost) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path(), now).unwrap();
    let id = store
        .write(|w| {
            members::create(
                w,
                &MemberInput {
                    nickname: "王小雅".into(),
                    ..Default::default()
                },
                now,
            )
        })
        .unwrap()
        .id;
    let plan = Plan::default_for(chrono_tz::Asia::Shanghai);
    let input = ReminderInput {
        member_id: id,
        reason: "问问续费".into(),
        due_date: "2026-11-24".into(),
        due_time: Some("10:00".into()),
        repeat: None,
    };
    store
        .write(|w| reminders::create(w, &input, &plan, now))
        .unwrap();
    let host = TestHost {
        session: Session::new(dir.path().to_path_buf(), Ok(store)),
        seen: Mutex::new(Vec::new()),
    };
    (dir, host)
}

fn add_hook(host: &TestHost, kind: WebhookKind, url: &str) -> i64 {
    host.session
        .with_store(|s| -> Result<_, Failure> {
            Ok(s.write(|w| {
                webhooks::save(
                    w,
                    None,
                    &WebhookInput {
                        kind,
                        name: format!("{kind:?}"),
                        url: Some(url.into()),
                        reminders: true,
                        digest: false,
                        enabled: true,
                    },
                    at(2026, 11, 24, 0),
                )
            })?)
        })
        .unwrap()
        .id
}

fn last(host: &TestHost, id: i64) -> webhooks::Delivery {
    host.session
        .with_store(|s| -> Result<_, Failure> { Ok(webhooks::deliveries(s.conn(), id, 1)?) })
        .unwrap()
        .remove(0)
}

const DUE: &str = "2026-11-24T02:00:00.000Z";

#[tokio::test]
async fn each_service_gets_the_json_it_expects() {
    let server = MockServer::start().await;
    let text = "【群主工作台】该跟进了：\n· 王小雅 — 问问续费";
    let expect = [
        (
            WebhookKind::Wecom,
            "/wecom",
            json!({"msgtype": "text", "text": {"content": text}}),
            r#"{"errcode":0,"errmsg":"ok"}"#,
        ),
        (
            WebhookKind::Dingtalk,
            "/dingtalk",
            json!({"msgtype": "text", "text": {"content": text}}),
            r#"{"errcode":0,"errmsg":"ok"}"#,
        ),
        (
            WebhookKind::Feishu,
            "/feishu",
            json!({"msg_type": "text", "content": {"text": text}}),
            r#"{"code":0,"msg":"success"}"#,
        ),
        (WebhookKind::Slack, "/slack", json!({"text": text}), "ok"),
        (
            WebhookKind::Discord,
            "/discord",
            json!({"content": text}),
            "",
        ),
        (
            WebhookKind::Json,
            "/json",
            json!({"source": "groupdesk", "event": "reminders.due", "text": text,
                   "data": [{"reminder_id": 1, "member_id": 1, "member": "王小雅", "reason": "问问续费", "due_at": DUE}]}),
            "{}",
        ),
    ];
    let now = at(2026, 11, 24, 2) + Duration::seconds(1);
    let (_dir, host) = setup(at(2026, 11, 24, 0));
    let mut ids = Vec::new();
    for (kind, p, body, answer) in &expect {
        let status = if *kind == WebhookKind::Discord {
            204
        } else {
            200
        };
        Mock::given(method("POST"))
            .and(path(*p))
            .and(body_json(body))
            .respond_with(ResponseTemplate::new(status).set_body_string(*answer))
            .expect(1)
            .mount(&server)
            .await;
        ids.push(add_hook(
            &host,
            *kind,
            &format!("{}{p}?key=SECRET-{p}", server.uri()),
        ));
    }
    // One scheduler turn at the due time: announced, queued, pushed.
    scheduler::turn(&host, at(2026, 11, 24, 0), now).await;
    assert!(
        matches!(&host.seen.lock().unwrap()[..], [Announcement::Due(d)] if d.len() == 1 && d[0].nickname == "王小雅")
    );
    for id in ids {
        let d = last(&host, id);
        assert_eq!(
            (d.status.as_str(), d.attempts, d.last_error.as_str()),
            ("sent", 1, ""),
            "{id}"
        );
    }
    server.verify().await;
    // A second turn sends nothing more.
    scheduler::turn(&host, at(2026, 11, 24, 0), now + Duration::seconds(5)).await;
    assert_eq!(server.received_requests().await.unwrap().len(), 6);
}

#[tokio::test]
async fn a_500_is_retried_with_backoff_until_it_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("busy"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"errcode":0}"#))
        .mount(&server)
        .await;
    let (_dir, host) = setup(at(2026, 11, 24, 0));
    let url = format!("{}/cgi-bin/webhook/send?key=TOP-SECRET-KEY", server.uri());
    let id = add_hook(&host, WebhookKind::Wecom, &url);
    let now = at(2026, 11, 24, 2) + Duration::seconds(1);
    let next = scheduler::turn(&host, at(2026, 11, 24, 0), now).await;
    let d = last(&host, id);
    assert_eq!((d.status.as_str(), d.attempts), ("pending", 1));
    assert_eq!(d.last_error, "HTTP 500: busy");
    // The scheduler wakes for the retry 10 s later, not before.
    assert_eq!(next, now + Duration::seconds(10));
    scheduler::turn(&host, at(2026, 11, 24, 0), now + Duration::seconds(5)).await;
    assert_eq!(last(&host, id).attempts, 1);
    scheduler::turn(&host, at(2026, 11, 24, 0), now + Duration::seconds(10)).await;
    let d = last(&host, id);
    assert_eq!(
        (d.status.as_str(), d.attempts, d.last_error.as_str()),
        ("sent", 2, "")
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_timeout_and_a_robot_error_are_reported_without_the_url() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(3)))
        .mount(&server)
        .await;
    Mock::given(method("POST")).and(path("/cgi-bin/webhook/send"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"errcode":93000,"errmsg":"invalid webhook url, hint: [1732420000], key=TOP-SECRET-KEY"}"#,
        ))
        .mount(&server).await;
    let (_dir, host) = setup(at(2026, 11, 24, 0));
    let slow = add_hook(
        &host,
        WebhookKind::Slack,
        &format!("{}/slow?token=T000-B000-XXXX", server.uri()),
    );
    let wecom = add_hook(
        &host,
        WebhookKind::Wecom,
        &format!("{}/cgi-bin/webhook/send?key=TOP-SECRET-KEY", server.uri()),
    );
    let now = at(2026, 11, 24, 2) + Duration::seconds(1);
    {
        let mut conn_due = Vec::new();
        host.session
            .with_store(|s| -> Result<_, Failure> {
                conn_due = s.write(|w| reminders::take_due(w, now))?;
                s.write(|w| webhooks::outbox::enqueue_reminders(w, &conn_due, Language::En, now))?;
                Ok(())
            })
            .unwrap();
    }
    let quick = send::client(std::time::Duration::from_millis(300));
    scheduler::deliver::deliver_due_with(&host.session, &quick, now).await;
    let d = last(&host, slow);
    assert_eq!(
        (d.status.as_str(), d.attempts, d.last_error.as_str()),
        ("pending", 1, "timeout")
    );
    let d = last(&host, wecom);
    assert_eq!(d.status, "pending");
    assert!(
        d.last_error.starts_with("error 93000: invalid webhook url"),
        "{}",
        d.last_error
    );
    assert!(!d.last_error.contains("TOP-SECRET-KEY"), "{}", d.last_error);
    // After the last attempt it is given up on, with the reason kept.
    let mut t = now;
    for wait in webhooks::outbox::BACKOFF {
        t += wait;
        scheduler::deliver::deliver_due_with(&host.session, &quick, t).await;
    }
    let d = last(&host, wecom);
    assert_eq!(
        (d.status.as_str(), d.attempts),
        ("failed", webhooks::outbox::MAX_ATTEMPTS)
    );
    // The list shows a hint, never the key; the test button reports the service's reason.
    let list = host
        .session
        .with_store(|s| -> Result<_, Failure> { Ok(webhooks::list(s.conn())?) })
        .unwrap();
    assert!(
        list.iter()
            .all(|w| !w.url_hint.contains("SECRET") && w.url_hint.starts_with("http://127.0.0.1")),
        "{list:?}"
    );
    let outcome = scheduler::deliver::send_test(&host.session, &quick, wecom, Language::ZhCn, now)
        .await
        .unwrap();
    let reason = outcome.unwrap_err();
    assert!(
        reason.contains("93000") && !reason.contains("TOP-SECRET-KEY"),
        "{reason}"
    );
    // A URL that is not http(s) is refused by field.
    let bad = host
        .session
        .with_store(|s| -> Result<_, Failure> {
            Ok(s.write(|w| {
                webhooks::save(
                    w,
                    None,
                    &WebhookInput {
                        kind: WebhookKind::Json,
                        name: "x".into(),
                        url: Some("ftp://example.com/x".into()),
                        reminders: true,
                        digest: false,
                        enabled: true,
                    },
                    now,
                )
            })
            .map_err(|e| e.to_string()))
        })
        .unwrap();
    assert!(bad.is_err());
}

fn save_url(host: &TestHost, url: &str) -> Result<i64, String> {
    host.session
        .with_store(|s| -> Result<_, Failure> {
            Ok(s.write(|w| {
                webhooks::save(
                    w,
                    None,
                    &WebhookInput {
                        kind: WebhookKind::Wecom,
                        name: "企业微信".into(),
                        url: Some(url.into()),
                        reminders: true,
                        digest: false,
                        enabled: true,
                    },
                    at(2026, 11, 24, 0),
                )
            })
            .map(|h| h.id)
            .map_err(|e| e.to_string()))
        })
        .unwrap()
}

#[tokio::test]
async fn secrets_go_over_https_only_except_to_this_machine() {
    let (_dir, host) = setup(at(2026, 11, 24, 0));
    assert!(save_url(
        &host,
        "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K"
    )
    .is_err());
    assert!(save_url(
        &host,
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K"
    )
    .is_ok());
    assert!(save_url(&host, "http://127.0.0.1:9/hook").is_ok());
    // A plain-http URL stored by an older version is not sent to.
    let id = add_hook(&host, WebhookKind::Wecom, "http://127.0.0.1:9/x");
    host.session
        .with_store(|s| -> Result<_, Failure> {
            s.conn().execute(
                "UPDATE webhooks SET url = 'http://example.com/hook?key=K' WHERE id = ?1",
                [id],
            )?;
            Ok(())
        })
        .unwrap();
    let reason = scheduler::deliver::send_test(
        &host.session,
        send::shared(),
        id,
        Language::ZhCn,
        at(2026, 11, 24, 1),
    )
    .await
    .unwrap()
    .unwrap_err();
    assert!(reason.contains("https"), "{reason}");
}

#[tokio::test]
async fn a_huge_answer_is_read_only_in_part() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("x".repeat(20 * 1024 * 1024)))
        .mount(&server)
        .await;
    let (_dir, host) = setup(at(2026, 11, 24, 0));
    let id = add_hook(&host, WebhookKind::Json, &format!("{}/hook", server.uri()));
    let now = at(2026, 11, 24, 2) + Duration::seconds(1);
    scheduler::turn(&host, at(2026, 11, 24, 0), now).await;
    let d = last(&host, id);
    assert_eq!((d.status.as_str(), d.attempts), ("pending", 1));
    assert!(d.last_error.starts_with("HTTP 500: xxx") && d.last_error.len() < 300);
}

#[tokio::test]
async fn a_crash_between_the_announcement_and_the_outbox_loses_no_push() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"errcode":0}"#))
        .expect(1)
        .mount(&server)
        .await;
    let (_dir, host) = setup(at(2026, 11, 24, 0));
    let id = add_hook(&host, WebhookKind::Wecom, &format!("{}/hook", server.uri()));
    // The outbox write fails, as a full disk or a crash right there would.
    host.session
        .with_store(|s| -> Result<_, Failure> {
            s.conn().execute_batch(
                "CREATE TRIGGER inject BEFORE INSERT ON webhook_deliveries
                 BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
            )?;
            Ok(())
        })
        .unwrap();
    let now = at(2026, 11, 24, 2) + Duration::seconds(1);
    scheduler::turn(&host, at(2026, 11, 24, 0), now).await;
    assert!(host.seen.lock().unwrap().is_empty(), "nothing announced");
    let unannounced: i64 = host
        .session
        .read(|c| {
            Ok::<_, Failure>(c.query_row(
                "SELECT count(*) FROM reminders WHERE notified_at IS NULL",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(unannounced, 1, "the follow-up is still to be announced");
    // Once the disk is back, the next turn announces it and pushes it: nothing was lost.
    host.session
        .with_store(|s| -> Result<_, Failure> {
            s.conn().execute_batch("DROP TRIGGER inject")?;
            Ok(())
        })
        .unwrap();
    scheduler::turn(&host, at(2026, 11, 24, 0), now + Duration::seconds(30)).await;
    assert_eq!(host.seen.lock().unwrap().len(), 1);
    assert_eq!(last(&host, id).status, "sent");
    server.verify().await;
}

#[tokio::test]
async fn old_deliveries_are_pruned_and_pending_ones_kept() {
    let (_dir, host) = setup(at(2026, 11, 24, 0));
    let id = add_hook(&host, WebhookKind::Json, "http://127.0.0.1:9/hook");
    host.session
        .with_store(|s| -> Result<_, Failure> {
            for (status, created) in [
                ("sent", "2026-09-01T00:00:00.000Z"),
                ("failed", "2026-09-02T00:00:00.000Z"),
                ("pending", "2026-09-03T00:00:00.000Z"),
                ("sent", "2026-11-20T00:00:00.000Z"),
            ] {
                s.conn().execute(
                    "INSERT INTO webhook_deliveries (webhook_id, event, body, status, next_at, created_at)
                     VALUES (?1, 'reminder', '{}', ?2, '2099-01-01T00:00:00.000Z', ?3)",
                    rusqlite::params![id, status, created],
                )?;
            }
            Ok(())
        })
        .unwrap();
    let removed = host
        .session
        .write(|w| Ok::<_, Failure>(webhooks::outbox::prune(w, at(2026, 11, 24, 0))?))
        .unwrap();
    assert_eq!(removed, 2, "sent and failed ones older than 30 days");
    let left: Vec<String> = host
        .session
        .read(|c| {
            let mut st = c.prepare("SELECT status FROM webhook_deliveries ORDER BY created_at")?;
            let rows = st
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok::<_, Failure>(rows)
        })
        .unwrap();
    assert_eq!(left, ["pending", "sent"]);
}
