//! The files the user chose this session, the only paths the window's file commands accept.
//!
//! The web view is the less trusted half of the app: a path it sends could name any file on
//! the machine (read back as a "preview") or any place to write (the workspace file itself).
//! So it never sends one of its own: native dialogs opened from Rust (`api/files.rs`) record
//! what the user picked here, and import, export and "open another workspace" accept only a
//! recorded path. The command line is given its paths by the user and does not use this.
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// A file to read for an import.
    Import,
    /// A place to write an export (any of its CSV/XLSX/ICS/HTML names: the format can change
    /// after).
    Export,
    /// A folder to open as a workspace.
    Workspace,
}

#[derive(Default)]
pub struct Picked {
    paths: Mutex<HashSet<(Purpose, PathBuf)>>,
}

fn key(purpose: Purpose, path: &Path) -> PathBuf {
    match purpose {
        Purpose::Export => path.with_extension(""),
        _ => path.to_path_buf(),
    }
}

impl Picked {
    /// Records a path the user chose (or the app proposed) for `purpose`.
    pub fn grant(&self, purpose: Purpose, path: &Path) {
        self.paths
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert((purpose, key(purpose, path)));
    }

    /// Whether `path` was chosen for `purpose` (an export only as one of the formats written).
    pub fn allows(&self, purpose: Purpose, path: &Path) -> bool {
        if purpose == Purpose::Export {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase());
            if !matches!(ext.as_deref(), Some("csv" | "xlsx" | "ics" | "html")) {
                return false;
            }
        }
        self.paths
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(&(purpose, key(purpose, path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_granted_paths_pass() {
        let p = Picked::default();
        p.grant(Purpose::Import, Path::new("/home/u/名单.csv"));
        p.grant(Purpose::Export, Path::new("/home/u/成员.xlsx"));
        assert!(p.allows(Purpose::Import, Path::new("/home/u/名单.csv")));
        assert!(!p.allows(Purpose::Import, Path::new("/etc/passwd")));
        assert!(!p.allows(Purpose::Export, Path::new("/home/u/名单.csv")));
        assert!(p.allows(Purpose::Export, Path::new("/home/u/成员.csv")));
        assert!(p.allows(Purpose::Export, Path::new("/home/u/成员.ics")));
        assert!(!p.allows(Purpose::Export, Path::new("/home/u/成员.sqlite3")));
        assert!(!p.allows(Purpose::Import, Path::new("/home/u/成员.xlsx")));
    }
}
