//! Progress of long commands (import, export, backup, demo) on the terminal: one line on
//! stderr, rewritten in place, only when stderr is a terminal (scripts see nothing). Ctrl+C is
//! the cancel: the process ends before the transaction commits, and SQLite rolls it back.
use crate::progress::{Progress, Step};
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Terminal {
    on: bool,
    last: Mutex<Option<Instant>>,
}

impl Terminal {
    pub fn new() -> Self {
        Terminal {
            on: std::io::stderr().is_terminal(),
            last: Mutex::new(None),
        }
    }
}

fn name(step: Step) -> &'static str {
    match step {
        Step::Reading => "reading",
        Step::Writing => "writing",
        Step::Indexing => "indexing",
        Step::Copying => "copying",
        Step::Verifying => "verifying",
    }
}

impl Progress for Terminal {
    fn report(&self, step: Step, done: u64, total: u64) {
        if !self.on {
            return;
        }
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if done < total && last.is_some_and(|t| now.duration_since(t) < Duration::from_millis(200))
        {
            return;
        }
        *last = Some(now);
        let mut err = std::io::stderr();
        let _ = write!(err, "\r\x1b[2K{} {done}/{total}", name(step));
        if done >= total {
            let _ = writeln!(err);
        }
    }

    fn cancelled(&self) -> bool {
        false
    }
}
