include!("../build-support/commit.rs");

fn main() {
    emit_commit();
    // The UI is embedded at compile time, and tauri-build does not watch it: without
    // this, a rebuilt UI would not reach the binary.
    println!("cargo:rerun-if-changed=../../ui/dist");
    // Declaring the app's commands makes each one need a permission, so the
    // capability file is the complete list of what the UI may call.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "newsroom_info",
        "list_issues",
        "get_issue",
        "save_issue_body",
        "preview_issue",
        "check_issue",
        "export_issue",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed: is ui/dist built? (./x test and ./x run build it)");
}
