//! The `groupdesk` binary: with no subcommand it opens the desktop window, otherwise it runs a
//! small command line (`check`, `backup`, `demo`) against the same workspace file.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

fn main() -> std::process::ExitCode {
    groupdesk::cli::main()
}
