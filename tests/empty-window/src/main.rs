//! An empty Tauri 2 window showing one line of text: the baseline beside which
//! `./x bench-app` measures Newsflash Studio's start (spawn to text on screen) and
//! memory. Same tauri version and features as the app (the workspace's), nothing
//! else.

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("newsflash-empty-window: {error}");
        std::process::exit(1);
    }
}
