// The only door to Rust. Components get a Backend (backend.ts) from the context and
// never import @tauri-apps/*; this module gathers the types, the error shape and the
// app's implementation.

export type * from './bindings';
export type { Backend, FileKind } from './backend';
export { ApiError, isExternalLink, toApiError } from './errors';
export { tauriBackend } from './tauri';
/** The menu bar's commands (id, label, menu, this platform's shortcut). */
export { MENU_COMMANDS } from './bindings';
