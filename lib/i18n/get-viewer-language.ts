// The language and time zone of the person this request is for: their own language, else their
// browser's, else their organisation's; their organisation's time zone, else their browser's.
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { currentSession } from '../auth/session-org';
import { BROWSER_TIME_ZONE_COOKIE } from './browser-time-zone-cookie';
import type { Locale } from './locales';
import { resolveLocale } from './resolve-locale';
import { defaultTimeZone, isTimeZone } from './time-zones';

export const getViewerLanguage = cache(async (): Promise<{ locale: Locale; timeZone: string }> => {
  const [h, c, session] = await Promise.all([headers(), cookies(), currentSession()]);
  const locale = resolveLocale({
    userLocale: session?.user.locale,
    acceptLanguage: h.get('accept-language'),
    orgLocale: session?.org?.defaultLocale,
  });
  const browserZone = c.get(BROWSER_TIME_ZONE_COOKIE)?.value;
  const timeZone = session?.org?.timeZone ?? (isTimeZone(browserZone) ? browserZone : defaultTimeZone);
  return { locale, timeZone };
});
