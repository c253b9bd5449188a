// The named date and number formats pages use (format.dateTime(d, 'dateTime')), so every page
// writes a date the same way: "14 juin 2025 à 18:00" / "June 14, 2025 at 6:00 PM".
import type { Formats } from 'use-intl/core';

export const formats = {
  dateTime: {
    dateTime: { dateStyle: 'long', timeStyle: 'short' },
    date: { dateStyle: 'long' },
    short: { dateStyle: 'short', timeStyle: 'short' },
    time: { timeStyle: 'medium' },
  },
  number: {
    integer: { maximumFractionDigits: 0 },
  },
} satisfies Formats;
