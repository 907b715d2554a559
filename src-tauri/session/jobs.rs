//! Long work the window started (import, export, backup, demo data): its progress reaches the
//! window as events, and the user can cancel it. The UI names a job when it starts it (an
//! opaque id), listens for that id's progress and may ask [`Jobs::cancel`] with it; the command
//! that runs the job returns its result as usual, or the `cancelled` error.
use crate::progress::{Progress, Step};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use ts_rs::TS;

/// One progress report, as the window receives it (event `job-progress`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct JobProgress {
    pub job: String,
    pub step: Step,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

type Sink = Arc<dyn Fn(&JobProgress) + Send + Sync>;

/// Reports closer together than this are dropped (a 100,000-row import would otherwise send
/// thousands of events); the first and the last of each step always go.
const EVERY: Duration = Duration::from_millis(100);

#[derive(Default)]
pub struct Jobs {
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
    sink: Mutex<Option<Sink>>,
}

impl Jobs {
    /// Where reports go (the window sets this once).
    pub fn set_sink(&self, f: impl Fn(&JobProgress) + Send + Sync + 'static) {
        *self.sink.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(f));
    }

    /// Starts tracking a job under the id the UI gave it.
    pub fn start(&self, id: &str) -> Job<'_> {
        let cancel = Arc::new(AtomicBool::new(false));
        self.lock().insert(id.to_string(), cancel.clone());
        Job {
            jobs: self,
            id: id.to_string(),
            cancel,
            sink: self.sink.lock().unwrap_or_else(|p| p.into_inner()).clone(),
            last: Mutex::new(None),
        }
    }

    /// Asks a running job to stop; false when no job has that id (it already finished).
    pub fn cancel(&self, id: &str) -> bool {
        match self.lock().get(id) {
            Some(flag) => {
                flag.store(true, Ordering::Release);
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AtomicBool>>> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A running job; pass it as the `&dyn Progress` of the domain call. Dropping it ends it.
pub struct Job<'a> {
    jobs: &'a Jobs,
    id: String,
    cancel: Arc<AtomicBool>,
    sink: Option<Sink>,
    last: Mutex<Option<(Step, Instant)>>,
}

impl Progress for Job<'_> {
    fn report(&self, step: Step, done: u64, total: u64) {
        let Some(sink) = &self.sink else { return };
        let now = Instant::now();
        {
            let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
            let due = match *last {
                Some((s, at)) => s != step || done >= total || now.duration_since(at) >= EVERY,
                None => true,
            };
            if !due {
                return;
            }
            *last = Some((step, now));
        }
        sink(&JobProgress {
            job: self.id.clone(),
            step,
            done,
            total,
        });
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Acquire)
    }
}

impl Drop for Job<'_> {
    fn drop(&mut self) {
        self.jobs.lock().remove(&self.id);
    }
}
