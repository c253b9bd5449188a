import { describe, expect, it } from 'vitest';
import { safeCallbackPath, safeRedirectUrl } from './safe-callback-path';

describe('safeCallbackPath', () => {
  it('keeps paths on this site', () => {
    expect(safeCallbackPath('/invite/abc?x=1#top')).toBe('/invite/abc?x=1#top');
    expect(safeCallbackPath('/outbox')).toBe('/outbox');
  });
  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '\\\\evil.example',
    ' //evil.example',
    '',
    undefined,
  ])('refuses %j', (value) => {
    const path = safeCallbackPath(value);
    expect(path).toBe('/dashboard');
  });
  it('refuses what a browser would resolve off-site', () => {
    for (const value of ['//evil.example', '/\\evil.example', '/\n/evil.example']) {
      const resolved = new URL(safeCallbackPath(value), 'http://localhost:3000');
      expect(resolved.host).toBe('localhost:3000');
    }
  });
});

describe('safeRedirectUrl', () => {
  it('keeps our origin and refuses others', () => {
    const base = 'http://localhost:3000';
    expect(safeRedirectUrl('http://localhost:3000/outbox', base)).toBe('http://localhost:3000/outbox');
    expect(safeRedirectUrl('/outbox', base)).toBe('http://localhost:3000/outbox');
    expect(safeRedirectUrl('http://evil.example/', base)).toBe('http://localhost:3000/dashboard');
    expect(safeRedirectUrl('//evil.example', base)).toBe('http://localhost:3000/dashboard');
  });
});
