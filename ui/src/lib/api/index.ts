// The only door to Rust. Components import this module, never @tauri-apps/*, so the
// command names, argument keys and error shape are written down in exactly one place.

import { convertFileSrc, invoke } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { ask, open } from '@tauri-apps/plugin-dialog';
import { openUrl } from '@tauri-apps/plugin-opener';
import type {
  ErrorCode,
  ErrorReport,
  Finding,
  Format,
  Issue,
  IssueSummary,
  NewsroomInfo,
  PreviewFormat,
  SaveReceipt,
} from './bindings';

export type {
  Format,
  Finding,
  Severity,
  ErrorCode,
  ErrorReport,
  Issue,
  IssueStatus,
  IssueSummary,
  NewsroomInfo,
  PreviewFormat,
  Publication,
  SaveReceipt,
} from './bindings';

/** Every function of this module rejects with this, and only this. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

// A Record rather than an array so that a code added to the Rust enum (and so to the
// generated bindings) fails type-checking here until it is listed.
const ERROR_CODES: Record<ErrorCode, true> = {
  newsroom_unavailable: true,
  newsroom_locked: true,
  not_found: true,
  invalid_input: true,
  too_large: true,
  template: true,
  preflight_failed: true,
  file: true,
  storage: true,
  internal: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

function isErrorReport(value: unknown): value is ErrorReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/** Turns whatever a rejected call produced into an ApiError. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isErrorReport(reason)) {
    // A newer backend may send a code this build does not know; the sentence still helps.
    return new ApiError(isErrorCode(reason.code) ? reason.code : 'internal', reason.message);
  }
  // Tauri's own failures (unknown command, bad arguments, missing permission) are strings.
  if (typeof reason === 'string') return new ApiError('internal', reason);
  if (reason instanceof Error) return new ApiError('internal', reason.message);
  return new ApiError('internal', 'Something unexpected went wrong.');
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The open newsroom; fails when it could not be opened at start-up. */
export function newsroomInfo(): Promise<NewsroomInfo> {
  return call('newsroom_info');
}

/** All issues, newest first. */
export function listIssues(): Promise<IssueSummary[]> {
  return call('list_issues');
}

export function getIssue(number: number): Promise<Issue> {
  return call('get_issue', { number });
}

export function saveIssueBody(number: number, body: string): Promise<SaveReceipt> {
  return call('save_issue_body', { number, body });
}

/**
 * The issue rendered with `body` as `format` (web page, email HTML or plain text),
 * exactly as export writes it.
 */
export function previewIssue(number: number, body: string, format: PreviewFormat): Promise<string> {
  return call('preview_issue', { number, body, format });
}

/**
 * Exports the saved issue in each of `formats` into `folder`; rejects with code
 * `preflight_failed` when the preflight finds errors, unless `force`.
 */
export function exportIssue(
  number: number,
  formats: Format[],
  folder: string,
  force: boolean,
): Promise<string[]> {
  return call('export_issue', { number, formats, folder, force });
}

/** Asks the editor for a folder to export into; null when she cancels. */
export async function chooseExportFolder(): Promise<string | null> {
  const chosen = await open({ directory: true, multiple: false, title: 'Export the issue into…' });
  return typeof chosen === 'string' ? chosen : null;
}

/** Asks the editor a yes/no question in a native dialog. */
export function confirm(message: string, title: string): Promise<boolean> {
  return ask(message, { title, kind: 'warning' });
}

/** The preflight's findings for the issue with (possibly unsaved) text `body`. */
export function checkIssue(number: number, body: string): Promise<Finding[]> {
  return call('check_issue', { number, body });
}

/**
 * Where the webview can read an image of the newsroom's asset folder (pages name
 * their photos under the publication's web address, which may not be online yet).
 */
export function localPhotoUrl(assetsDir: string, file: string): string {
  const separator = assetsDir.includes('\\') && !assetsDir.includes('/') ? '\\' : '/';
  return convertFileSrc(`${assetsDir}${separator}${file}`);
}

const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Whether `href` is a link the system browser or mail client may be asked to open. */
export function isExternalLink(href: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/**
 * Opens a web or mail link with the system's default program. Other schemes (file:,
 * javascript:, custom protocols) are refused: the links come from issue text.
 */
export async function openExternal(url: string): Promise<void> {
  if (!isExternalLink(url)) {
    throw new ApiError('invalid_input', 'Only web and email links can be opened.');
  }
  try {
    await openUrl(url);
  } catch (reason) {
    throw toApiError(reason);
  }
}

/**
 * Runs `handler` when the user asks to close the window, and closes it once the handler
 * resolves. If the handler rejects, the window stays open (the handler decides when
 * that is worth it, and must settle in bounded time).
 * Resolves to a function that removes the handler.
 */
export async function onCloseRequested(handler: () => Promise<void>): Promise<() => void> {
  try {
    return await getCurrentWindow().onCloseRequested(async (event) => {
      try {
        await handler();
      } catch {
        event.preventDefault();
      }
    });
  } catch (reason) {
    throw toApiError(reason);
  }
}
