// How dates, statuses and errors read in the window. Kept out of the components so
// that the wording is tested once.

import type { IssueStatus, IssueSummary } from './api';

export const STATUS_ORDER: readonly IssueStatus[] = ['draft', 'in_review', 'ready', 'published'];

export const STATUS_LABEL: Record<IssueStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  ready: 'Ready',
  published: 'Published',
};

export interface IssueGroup {
  status: IssueStatus;
  label: string;
  issues: IssueSummary[];
}

/** Issues by status in workflow order; empty groups are left out, order inside kept. */
export function groupByStatus(issues: readonly IssueSummary[]): IssueGroup[] {
  return STATUS_ORDER.map((status) => ({
    status,
    label: STATUS_LABEL[status],
    issues: issues.filter((issue) => issue.status === status),
  })).filter((group) => group.issues.length > 0);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "20 Jan 2022" or the reader's local equivalent. An issue date is a calendar day, not an
 * instant: parsed as UTC it would show the day before west of Greenwich.
 */
export function formatDate(day: string, locale?: string): string {
  const match = DAY.exec(day);
  if (match === null) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

export function formatTime(epochMs: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(epochMs));
}

/** The sentence to show for any rejection. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
  }
  if (typeof error === 'string' && error !== '') return error;
  return 'Something unexpected went wrong.';
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(day: string): number | null {
  const match = DAY.exec(day);
  if (match === null) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Today as YYYY-MM-DD in the editor's time zone. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "due 17 Mar 2022 (in 3 days)", "(today)", or "(overdue by 2 days)". */
export function dueText(day: string, todayDay: string = today(), locale?: string): string {
  const due = dayNumber(day);
  const now = dayNumber(todayDay);
  const date = formatDate(day, locale);
  if (due === null || now === null) return `due ${date}`;
  const days = due - now;
  const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (days === 0) return `due ${date} (today)`;
  if (days > 0) return `due ${date} (in ${plural(days)})`;
  return `due ${date} (overdue by ${plural(-days)})`;
}

/**
 * How a preheader reads in an inbox that shows `limit` characters of it: cut at a
 * word where one is near, with an ellipsis.
 */
export function truncatePreheader(text: string, limit: number): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const chars = Array.from(trimmed);
  if (chars.length <= limit) return trimmed;
  const cut = chars.slice(0, limit - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Where inboxes cut the preheader: phones (about 40), desktop lists (90), wide ones (140). */
export const PREHEADER_CUTS = [40, 90, 140] as const;

/** The status after `status` on the way to readers, if there is one. */
export function nextStatus(status: IssueStatus): IssueStatus | null {
  const index = STATUS_ORDER.indexOf(status);
  return STATUS_ORDER[index + 1] ?? null;
}
