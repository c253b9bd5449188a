// The formats pages use, as a French and an English reader see them, in the organisation's zone.
import { createFormatter } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { formatDate } from './format-date';
import { formatSize } from './format-size';
import { formats } from './formats';

const NNBSP = '\u202f';
const formatter = (locale: 'en' | 'fr', timeZone = 'Europe/Paris') =>
  createFormatter({ locale, timeZone, formats });
const at = new Date('2025-06-14T16:00:00Z');

describe('formats', () => {
  it('writes dates for the language, in the organisation zone', () => {
    expect(formatDate(formatter('fr'), at)).toBe('14 juin 2025 à 18:00');
    expect(formatDate(formatter('en'), at)).toBe('June 14, 2025 at 6:00 PM');
    expect(formatDate(formatter('fr', 'America/Montreal'), at)).toBe('14 juin 2025 à 12:00');
    expect(formatDate(formatter('fr'), null)).toBe('—');
  });
  it('writes numbers and sizes for the language', () => {
    expect(formatter('fr').number(1234.5)).toBe(`1${NNBSP}234,5`);
    expect(formatter('en').number(1234.5)).toBe('1,234.5');
    expect(formatSize(formatter('fr'), 12_000)).toBe(`12${NNBSP}ko`);
    expect(formatSize(formatter('fr'), 3.45 * 1024 * 1024)).toBe(`3,5${NNBSP}Mo`);
    expect(formatSize(formatter('en'), 12_000)).toBe('12 kB');
  });
});
