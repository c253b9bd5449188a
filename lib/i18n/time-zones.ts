// Time zones are IANA names (Europe/Paris). Anything else is refused rather than stored.
export const defaultTimeZone = 'UTC';

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '' || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the runtime knows, for the settings page's list. */
export function listTimeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}
