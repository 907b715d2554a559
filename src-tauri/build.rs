fn main() {
    // tauri-build only watches its default `capabilities/` folder; ours lives under src-tauri,
    // so say it here or a permission change would not reach the app until a clean build.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"),
    )
    .expect("failed to run tauri-build");
}
