//! The baseline for the startup benchmark: a bare Tauri 2 window built from the same
//! dependency graph and profile as GroupDesk, whose page calls one command as soon as it has
//! loaded. `bench/startup.rs` times it beside GroupDesk.
#[tauri::command]
fn ready(app: tauri::AppHandle) {
    println!("groupdesk-ready");
    app.exit(0);
}

fn main() {
    if let Err(e) = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!(
            "bench/empty_window/tauri.conf.json"
        ))
    {
        eprintln!("empty_window: {e}");
        std::process::exit(1);
    }
}
