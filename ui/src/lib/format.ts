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
