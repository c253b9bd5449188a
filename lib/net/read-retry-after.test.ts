import { describe, expect, it } from 'vitest';
import { readRetryAfter } from './read-retry-after';

describe('readRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates, and nothing else', () => {
    const now = Date.parse('2026-12-01T15:00:00Z');
    expect(readRetryAfter('120', now)).toBe(120);
    expect(readRetryAfter(' 0 ', now)).toBe(0);
    expect(readRetryAfter('Tue, 01 Dec 2026 15:00:30 GMT', now)).toBe(30);
    expect(readRetryAfter('Tue, 01 Dec 2026 14:59:00 GMT', now)).toBe(0);
    expect(readRetryAfter('-5', now)).toBeUndefined();
    expect(readRetryAfter('soon', now)).toBeUndefined();
    expect(readRetryAfter(null, now)).toBeUndefined();
    expect(readRetryAfter('', now)).toBeUndefined();
  });
});
