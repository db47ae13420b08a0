import { describe, expect, it } from 'vitest';
import { preserveCase } from './casePreserve';

describe('preserveCase', () => {
  it('keeps a capital at the start of a sentence', () => {
    expect(preserveCase('Storms', 'cyclones')).toBe('Cyclones');
  });

  it('keeps lower case and capitals', () => {
    expect(preserveCase('storms', 'cyclones')).toBe('cyclones');
    expect(preserveCase('STORMS', 'cyclones')).toBe('CYCLONES');
  });

  it('keeps title case over several words', () => {
    expect(preserveCase('Tropical Storms', 'severe cyclones')).toBe('Severe Cyclones');
  });

  it('leaves the replacement as typed when the match has no plain case', () => {
    expect(preserveCase('sToRms', 'cyclones')).toBe('cyclones');
    expect(preserveCase('2022', 'this year')).toBe('this year');
    expect(preserveCase('storms', 'NATO storms')).toBe('NATO storms');
  });

  it('reads one capital letter as a capitalised word', () => {
    expect(preserveCase('A', 'the')).toBe('The');
  });
});
