//! Builds the empty window's Tauri context.

fn main() {
    tauri_build::build();
}
