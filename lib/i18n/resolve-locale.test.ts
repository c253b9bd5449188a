import { describe, expect, it } from 'vitest';
import { matchAcceptLanguage, resolveLocale } from './resolve-locale';

describe('resolveLocale', () => {
  it("prefers the user's own choice over the browser and the organisation", () => {
    expect(resolveLocale({ userLocale: 'en', acceptLanguage: 'fr-FR,fr;q=0.9', orgLocale: 'fr' })).toBe('en');
  });
  it("falls back to the browser, then to the organisation's default", () => {
    expect(resolveLocale({ userLocale: null, acceptLanguage: 'fr-FR,fr;q=0.9', orgLocale: 'en' })).toBe('fr');
    expect(resolveLocale({ acceptLanguage: 'de-DE,de;q=0.9', orgLocale: 'fr' })).toBe('fr');
    expect(resolveLocale({})).toBe('en');
  });
  it('ignores a stored value that is not a language we have', () => {
    expect(resolveLocale({ userLocale: 'xx', orgLocale: 'fr' })).toBe('fr');
  });
});

describe('matchAcceptLanguage', () => {
  it('orders by quality, then by position', () => {
    expect(matchAcceptLanguage('de;q=0.9,en;q=0.5,fr;q=0.8')).toBe('fr');
    expect(matchAcceptLanguage('en-GB,fr')).toBe('en');
    expect(matchAcceptLanguage('fr-CA')).toBe('fr');
  });
  it('skips languages refused with q=0 and those we do not speak', () => {
    expect(matchAcceptLanguage('fr;q=0,en;q=0.1')).toBe('en');
    expect(matchAcceptLanguage('*')).toBeUndefined();
    expect(matchAcceptLanguage('')).toBeUndefined();
  });
});
