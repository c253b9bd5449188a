// A size in bytes as a person reads it: "12 ko", "3,4 Mo" / "12 kB", "3.4 MB".
import type { createFormatter } from 'use-intl/core';

type Formatter = ReturnType<typeof createFormatter>;

export function formatSize(format: Formatter, bytes: number): string {
  if (bytes < 1024 * 1024) {
    return format.number(Math.max(1, Math.ceil(bytes / 1024)), { style: 'unit', unit: 'kilobyte' });
  }
  return format.number(bytes / (1024 * 1024), { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
}
