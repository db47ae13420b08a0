// The Backend of the app: the generated commands, each rejecting with ApiError only,
// and the dialogs, links and events of the Tauri window. The only module (with
// bindings.ts) that imports @tauri-apps/*.

import { Channel, convertFileSrc } from '@tauri-apps/api/core';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { ask, open, save } from '@tauri-apps/plugin-dialog';
import { openUrl } from '@tauri-apps/plugin-opener';
import type { Backend, FileKind } from './backend';
import { commands, events } from './bindings';
import type { Desk, ImportProgress } from './bindings';
import { takeEarlyDesk } from './early';
import { ApiError, isExternalLink, toApiError } from './errors';

type Commands = typeof commands;

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** Every generated command, rejecting with ApiError only. */
const wrapped = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [
    name,
    (...args: unknown[]) => guarded(() => (command as (...a: unknown[]) => Promise<unknown>)(...args)),
  ]),
) as Commands;

const FILTERS: Record<FileKind, { name: string; extensions: string[] }[]> = {
  'sources-csv': [{ name: 'Sources (CSV)', extensions: ['csv'] }],
  image: [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif'] }],
  'issue-file': [{ name: 'Issue files (Markdown)', extensions: ['md', 'markdown'] }],
  'pasted-text': [{ name: 'Text', extensions: ['txt', 'text'] }],
};

const OPEN_TITLES: Record<FileKind, string> = {
  'sources-csv': 'Import sources from a CSV file',
  image: 'Add photos',
  'issue-file': 'Import an issue file',
  'pasted-text': 'Import a published issue as text',
};

export const tauriBackend: Backend = {
  ...wrapped,

  openDesk() {
    // The page asked as it started: the same command, the same answer.
    const early = takeEarlyDesk() as Promise<Desk> | undefined;
    return early === undefined ? wrapped.openDesk() : guarded(() => early);
  },

  importSourcesCsv(path: string, onProgress: (progress: ImportProgress) => void) {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return guarded(() => commands.importSourcesCsv(path, channel));
  },

  async chooseExportFolder(startIn: string | null) {
    const chosen = await guarded(() =>
      open({
        directory: true,
        multiple: false,
        title: 'Export the issue into…',
        ...(startIn === null ? {} : { defaultPath: startIn }),
      }),
    );
    return typeof chosen === 'string' ? chosen : null;
  },

  async chooseFolder(title: string) {
    const chosen = await guarded(() => open({ directory: true, multiple: false, title }));
    return typeof chosen === 'string' ? chosen : null;
  },

  async chooseFiles(kind: FileKind, multiple: boolean) {
    const title = OPEN_TITLES[kind];
    const chosen = await guarded(() => open({ multiple, directory: false, title, filters: FILTERS[kind] }));
    if (chosen === null) return [];
    return Array.isArray(chosen) ? chosen : [chosen];
  },

  async chooseSaveFile(kind: FileKind, suggestedName: string) {
    const chosen = await guarded(() => save({ title: 'Save as…', defaultPath: suggestedName, filters: FILTERS[kind] }));
    return typeof chosen === 'string' ? chosen : null;
  },

  confirm(message: string, title: string) {
    return guarded(() => ask(message, { title, kind: 'warning' }));
  },

  isExternalLink,

  async openExternal(url: string) {
    if (!isExternalLink(url)) {
      throw new ApiError('invalid_input', 'Only web and email links can be opened.');
    }
    await guarded(() => openUrl(url));
  },

  localPhotoUrl(assetsDir: string, file: string) {
    const separator = assetsDir.includes('\\') && !assetsDir.includes('/') ? '\\' : '/';
    return convertFileSrc(`${assetsDir}${separator}${file}`);
  },

  onNewsroomChanged(handler: () => void) {
    return guarded(() => events.newsroomChanged.listen(() => handler()));
  },

  onCloseRequested(handler: () => Promise<void>) {
    return guarded(() =>
      getCurrentWindow().onCloseRequested(async (event) => {
        try {
          await handler();
        } catch {
          event.preventDefault();
        }
      }),
    );
  },

  onFlushRequested(handler: () => void) {
    return guarded(() => events.flushRequested.listen(() => handler()));
  },

  async onFilesDropped(handler: (paths: string[]) => void) {
    const stop = await guarded(() =>
      getCurrentWebview().onDragDropEvent((event) => {
        if (event.payload.type === 'drop' && event.payload.paths.length > 0) handler(event.payload.paths);
      }),
    );
    // Its stop function is asynchronous: a failure to stop listening (the window
    // is closing) must not surface as an unhandled rejection.
    return () => {
      Promise.resolve(stop() as unknown).catch(() => {});
    };
  },

  onMenuCommand(handler: (id: string) => void) {
    return guarded(() => events.menuCommand.listen((event) => handler(event.payload)));
  },

  async readClipboardText() {
    try {
      return await navigator.clipboard.readText();
    } catch {
      throw new ApiError(
        'internal',
        'The system did not let the app read the clipboard; paste with Ctrl+V (⌘V on a Mac).',
      );
    }
  },
};
