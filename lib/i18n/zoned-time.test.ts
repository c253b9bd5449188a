import { describe, expect, it } from 'vitest';
import { instantToZonedLocal, zonedLocalToInstant } from './zoned-time';

describe('zoned times', () => {
  it('reads a wall-clock time in the organisation zone, summer and winter', () => {
    expect(zonedLocalToInstant('2025-06-14T18:00', 'Europe/Paris')?.toISOString()).toBe(
      '2025-06-14T16:00:00.000Z',
    );
    expect(zonedLocalToInstant('2025-01-14T18:00', 'Europe/Paris')?.toISOString()).toBe(
      '2025-01-14T17:00:00.000Z',
    );
    expect(zonedLocalToInstant('2025-06-14T18:00', 'UTC')?.toISOString()).toBe('2025-06-14T18:00:00.000Z');
    expect(zonedLocalToInstant('2025-06-14T18:00', 'America/New_York')?.toISOString()).toBe(
      '2025-06-14T22:00:00.000Z',
    );
  });
  it('round-trips an instant to the value a datetime-local box shows', () => {
    const at = new Date('2025-10-26T09:30:00Z'); // the morning Paris leaves summer time
    expect(instantToZonedLocal(at, 'Europe/Paris')).toBe('2025-10-26T10:30');
    expect(zonedLocalToInstant('2025-10-26T10:30', 'Europe/Paris')?.toISOString()).toBe(at.toISOString());
  });
  it('refuses what is not a datetime-local value', () => {
    expect(zonedLocalToInstant('tomorrow', 'Europe/Paris')).toBeNull();
  });
});
