//! How the scheduler's announcements reach the user in the app: a desktop notification (in
//! the user's language) and an event the open window turns into a toast and a refresh of the
//! Today view.
use super::toast::{self, Target};
use crate::scheduler::{Announcement, Host};
use crate::session::Session;
use crate::settings::Language;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};

pub struct DesktopHost(pub AppHandle);

/// What the window receives (`followups-fired`).
#[derive(Debug, Clone, Serialize)]
struct Fired {
    kind: &'static str,
    count: usize,
    names: Vec<String>,
}

fn texts(language: Language, what: &Announcement) -> (String, String) {
    let zh = language == Language::ZhCn;
    match what {
        Announcement::Due(due) => {
            let title = if zh {
                "该跟进了".to_string()
            } else {
                "Follow-up due".to_string()
            };
            let body = due
                .iter()
                .take(5)
                .map(|d| format!("{} — {}", d.nickname, d.reason))
                .collect::<Vec<_>>()
                .join("\n");
            (title, body)
        }
        Announcement::Missed(due) => {
            if zh {
                (
                    "错过的跟进".to_string(),
                    format!(
                        "群主工作台关闭期间有 {} 个跟进到期，已放在「今天」的逾期里。",
                        due.len()
                    ),
                )
            } else {
                (
                    "Missed follow-ups".to_string(),
                    format!("{} follow-ups came due while GroupDesk was closed; they are under Overdue on Today.", due.len()),
                )
            }
        }
        Announcement::Posts(posts) | Announcement::MissedPosts(posts) => {
            let missed = matches!(what, Announcement::MissedPosts(_));
            let title = match (zh, missed) {
                (true, false) => "该发内容了".to_string(),
                (false, false) => "Time to post".to_string(),
                (true, true) => format!("群主工作台关闭期间错过了 {} 条内容", posts.len()),
                (false, true) => {
                    format!("{} posts came due while GroupDesk was closed", posts.len())
                }
            };
            let body = posts
                .iter()
                .take(5)
                .map(|p| {
                    if zh {
                        format!("{} 在 {} 发：{}", p.time, p.groups, p.title)
                    } else {
                        format!("{} in {}: {}", p.time, p.groups, p.title)
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            (title, body)
        }
        Announcement::Steps(steps) => {
            let title = if zh {
                "活动清单"
            } else {
                "Campaign checklist"
            }
            .to_string();
            let body = steps
                .iter()
                .take(5)
                .map(|s| format!("{}：{}", s.campaign, s.title))
                .collect::<Vec<_>>()
                .join("\n");
            (title, body)
        }
        Announcement::Digest(d) => {
            let title = if zh { "今日概览" } else { "Today" }.to_string();
            let body = if zh {
                format!(
                    "逾期 {} · 今天到期 {} · 今天生日 {} · 该联系 {}",
                    d.overdue,
                    d.due_today,
                    d.birthdays.len(),
                    d.cadence_due
                )
            } else {
                format!(
                    "Overdue {} · Due today {} · Birthdays {} · To keep in touch {}",
                    d.overdue,
                    d.due_today,
                    d.birthdays.len(),
                    d.cadence_due
                )
            };
            (title, body)
        }
    }
}

/// What a click on the notification opens: the (first) post whose time came, else Today
/// (follow-ups, the morning summary and campaign steps are all listed there).
fn target(what: &Announcement) -> Target {
    match what {
        Announcement::Posts(p) | Announcement::MissedPosts(p) if !p.is_empty() => {
            Target::Calendar { item: p[0].id }
        }
        _ => Target::Today,
    }
}

impl Host for DesktopHost {
    fn session(&self) -> &Session {
        self.0.state::<Session>().inner()
    }

    fn announce(&self, language: Language, what: Announcement) {
        if let Announcement::Digest(d) = &what {
            if d.is_empty() {
                return; // 不打扰: nothing to say, say nothing.
            }
        }
        let (title, body) = texts(language, &what);
        toast::show(&self.0, &title, &body, target(&what));
        let fired = match &what {
            Announcement::Due(d) => Fired {
                kind: "due",
                count: d.len(),
                names: d.iter().map(|x| x.nickname.clone()).collect(),
            },
            Announcement::Missed(d) => Fired {
                kind: "missed",
                count: d.len(),
                names: d.iter().map(|x| x.nickname.clone()).collect(),
            },
            Announcement::Digest(_) => Fired {
                kind: "digest",
                count: 0,
                names: Vec::new(),
            },
            Announcement::MissedPosts(p) => Fired {
                kind: "missed_posts",
                count: p.len(),
                names: p.iter().map(|x| x.title.clone()).collect(),
            },
            Announcement::Posts(p) => Fired {
                kind: "posts",
                count: p.len(),
                names: p.iter().map(|x| x.title.clone()).collect(),
            },
            Announcement::Steps(s) => Fired {
                kind: "steps",
                count: s.len(),
                names: s.iter().map(|x| x.title.clone()).collect(),
            },
        };
        let _ = self.0.emit("followups-fired", fired);
    }
}
