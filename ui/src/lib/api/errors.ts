// The one error shape the UI handles: every Backend function rejects with ApiError.

import type { ErrorCode, ErrorReport } from './bindings';

/** Every function of the backend rejects with this, and only this. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** What the error is about when it is one thing (a setting's or source's key). */
  readonly subject: string | null;

  constructor(code: ErrorCode, message: string, subject: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.subject = subject;
  }
}

// A Record rather than an array so that a code added to the Rust enum (and so to the
// generated bindings) fails type-checking here until it is listed.
const ERROR_CODES: Record<ErrorCode, true> = {
  newsroom_unavailable: true,
  newsroom_damaged: true,
  newsroom_busy: true,
  not_found: true,
  invalid_input: true,
  too_large: true,
  template: true,
  preflight_failed: true,
  issue_published: true,
  setting_missing: true,
  invalid_setting: true,
  password_required: true,
  login_refused: true,
  send_failed: true,
  keychain_unavailable: true,
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
    const subject = typeof reason.subject === 'string' ? reason.subject : null;
    return new ApiError(isErrorCode(reason.code) ? reason.code : 'internal', reason.message, subject);
  }
  // Tauri's own failures (unknown command, bad arguments, missing permission) are strings.
  if (typeof reason === 'string') return new ApiError('internal', reason);
  if (reason instanceof Error) return new ApiError('internal', reason.message);
  return new ApiError('internal', 'Something unexpected went wrong.');
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
