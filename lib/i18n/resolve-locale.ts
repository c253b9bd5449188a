// Which language a person sees: their own choice, else what their browser asks for
// (Accept-Language, by quality), else their organisation's default language.
import { defaultLocale, isLocale, type Locale, locales } from './locales';

export function resolveLocale(input: {
  userLocale?: string | null;
  acceptLanguage?: string | null;
  orgLocale?: string | null;
}): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  const fromBrowser = matchAcceptLanguage(input.acceptLanguage);
  if (fromBrowser) return fromBrowser;
  if (isLocale(input.orgLocale)) return input.orgLocale;
  return defaultLocale;
}

/** "fr-FR,fr;q=0.9,en;q=0.8" → 'fr'; a header naming none of our languages → undefined. */
export function matchAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.tag && r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranges) {
    const base = tag.split('-')[0];
    const found = locales.find((l) => l === base);
    if (found) return found;
  }
  return undefined;
}
