//! One app window per workspace folder. The first instance holds an exclusive lock on
//! `<workspace>/.groupdesk.lock` for as long as it runs and listens on a loopback port written
//! to `<workspace>/.groupdesk.port`; a second launch on the same folder cannot take the lock,
//! tells the first to come to the front, and exits.
//!
//! Why not `tauri-plugin-single-instance`: it allows one instance per *app* (so two different
//! workspaces could not be open at once) and on Linux needs a D-Bus session bus, which a plain
//! X session or CI may not have. A file lock is per folder, released by the OS if the app
//! crashes, and works the same on every platform.
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

const LOCK_FILE: &str = ".groupdesk.lock";
const PORT_FILE: &str = ".groupdesk.port";
const FOCUS: &str = "focus";

/// Held by the running instance; dropping it releases the folder.
pub struct InstanceGuard {
    _lock: File,
    listener: Option<TcpListener>,
    port_file: PathBuf,
}

pub enum Acquired {
    /// This process now owns the workspace.
    First(InstanceGuard),
    /// Another process owns it and was asked to show its window.
    AlreadyRunning { notified: bool },
}

pub fn acquire(dir: &Path) -> std::io::Result<Acquired> {
    std::fs::create_dir_all(dir)?;
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(dir.join(LOCK_FILE))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Ok(Acquired::AlreadyRunning {
                notified: notify_running(dir),
            })
        }
        Err(TryLockError::Error(e)) => return Err(e),
    }
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    let port_file = dir.join(PORT_FILE);
    std::fs::write(&port_file, listener.local_addr()?.port().to_string())?;
    Ok(Acquired::First(InstanceGuard {
        _lock: lock,
        listener: Some(listener),
        port_file,
    }))
}

fn notify_running(dir: &Path) -> bool {
    let Some(port) = std::fs::read_to_string(dir.join(PORT_FILE))
        .ok()
        .and_then(|s| s.trim().parse::<u16>().ok())
    else {
        return false;
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpStream::connect_timeout(&addr, Duration::from_secs(2))
        .and_then(|mut s| s.write_all(format!("{FOCUS}\n").as_bytes()))
        .is_ok()
}

impl InstanceGuard {
    /// Calls `on_focus` (on a background thread) each time another launch asks for the window.
    pub fn on_focus_request(&mut self, on_focus: impl Fn() + Send + 'static) {
        let Some(listener) = self.listener.take() else {
            return;
        };
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                if BufReader::new(stream).read_line(&mut line).is_ok() && line.trim() == FOCUS {
                    on_focus();
                }
            }
        });
    }
}

impl Drop for InstanceGuard {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.port_file);
    }
}
