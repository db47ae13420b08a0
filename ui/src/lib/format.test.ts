import { describe, expect, it } from 'vitest';
import type { IssueSummary } from './api';
import { errorMessage, formatDate, groupByStatus } from './format';

function summary(number: number, status: IssueSummary['status']): IssueSummary {
  return {
    number,
    status,
    date: '2022-01-20',
    title: `Issue ${number}`,
    slug: `${number}`,
    version: 1,
    updatedAt: '2022-01-20T08:00:00Z',
  };
}

describe('groupByStatus', () => {
  it('orders groups draft, in review, ready, published and drops empty ones', () => {
    const groups = groupByStatus([
      summary(5, 'published'),
      summary(4, 'draft'),
      summary(3, 'published'),
      summary(2, 'in_review'),
    ]);
    expect(groups.map((g) => g.label)).toEqual(['Draft', 'In review', 'Published']);
    expect(groups.map((g) => g.issues.map((i) => i.number))).toEqual([[4], [2], [5, 3]]);
  });

  it('is empty for no issues', () => {
    expect(groupByStatus([])).toEqual([]);
  });
});

describe('formatDate', () => {
  it('formats a calendar day without shifting it across time zones', () => {
    expect(formatDate('2022-01-20', 'en-GB')).toBe('20 Jan 2022');
    expect(formatDate('2022-12-31', 'en-US')).toBe('Dec 31, 2022');
  });

  it('shows anything else as it came', () => {
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('errorMessage', () => {
  it('prefers the message of an error-like value', () => {
    expect(errorMessage({ code: 'file', message: 'The file is gone.' })).toBe('The file is gone.');
    expect(errorMessage(new Error('Broken.'))).toBe('Broken.');
    expect(errorMessage('Plain.')).toBe('Plain.');
    expect(errorMessage(undefined)).toBe('Something unexpected went wrong.');
  });
});
