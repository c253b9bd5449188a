// Dates as pages show them: in the viewer's language and the organisation's time zone (both set by
// lib/i18n/request.ts), "14 juin 2025 à 18:00" / "June 14, 2025 at 6:00 PM"; "—" when there is none.
import type { createFormatter } from 'use-intl/core';

type Formatter = ReturnType<typeof createFormatter>;

export function formatDate(
  format: Formatter,
  value: Date | string | null | undefined,
  style: 'dateTime' | 'date' | 'short' | 'time' = 'dateTime',
): string {
  if (!value) return '—';
  return format.dateTime(new Date(value), style);
}
