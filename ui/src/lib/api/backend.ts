// The one interface the UI talks to Rust through. Commands keep the names and types
// the Rust functions have (generated into bindings.ts, so each name is written once,
// in src-tauri/desktop/src/commands.rs); the rest are the few things a window does
// that are not commands: dialogs, links, events, the clipboard, the photo files it
// may show.
//
// Two implementations: tauri.ts for the app, and testing/fakeBackend.ts, an
// in-memory newsroom the Vitest tests run the UI against.

import type { commands, ImportProgress, SourcesImportReport } from './bindings';

type Commands = typeof commands;

/** What a file dialog asks for. */
export type FileKind = 'sources-csv' | 'image' | 'issue-file' | 'pasted-text';

export interface Backend extends Omit<Commands, 'importSourcesCsv'> {
  /** Imports a sources file, calling `onProgress` as it goes (large files take a while). */
  importSourcesCsv(path: string, onProgress: (progress: ImportProgress) => void): Promise<SourcesImportReport>;

  /** Asks the editor for a folder (`title` says what for); null when she cancels. */
  chooseFolder(title: string): Promise<string | null>;
  /**
   * Asks the editor for a folder to export into, starting in `startIn` (the one
   * chosen last time) when given; null when she cancels.
   */
  chooseExportFolder(startIn: string | null): Promise<string | null>;
  /** Asks the editor for files to open; an empty list when she cancels. */
  chooseFiles(kind: FileKind, multiple: boolean): Promise<string[]>;
  /** Asks the editor where to save a file; null when she cancels. */
  chooseSaveFile(kind: FileKind, suggestedName: string): Promise<string | null>;
  /** Asks the editor a yes/no question in a native dialog. */
  confirm(message: string, title: string): Promise<boolean>;

  /** Whether `href` is a link the system browser or mail client may be asked to open. */
  isExternalLink(href: string): boolean;
  /** Opens a web or mail link with the system's program; other schemes are refused. */
  openExternal(url: string): Promise<void>;
  /** Where the webview can read an image of the newsroom's asset folder. */
  localPhotoUrl(assetsDir: string, file: string): string;

  /** Calls `handler` when another window or the command line changed the newsroom. */
  onNewsroomChanged(handler: () => void): Promise<() => void>;
  /** Runs `handler` before the window closes; a rejection keeps the window open. */
  onCloseRequested(handler: () => Promise<void>): Promise<() => void>;
  /**
   * Calls `handler` when the app is asked to end (logout, shutdown, Ctrl+C in a
   * terminal); the app waits for `flushed` (or a few seconds) before it ends.
   */
  onFlushRequested(handler: () => void): Promise<() => void>;
  /** Calls `handler` with the paths of files dropped on the window. */
  onFilesDropped(handler: (paths: string[]) => void): Promise<() => void>;
  /** Calls `handler` with the id of each command chosen in the menu bar (by click or shortcut). */
  onMenuCommand(handler: (id: string) => void): Promise<() => void>;
  /** The text on the system clipboard (for the editor's own Paste). */
  readClipboardText(): Promise<string>;
}
