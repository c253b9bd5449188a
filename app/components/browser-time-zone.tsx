'use client';

// Tells the server the browser's time zone (a cookie), so a new organisation starts on the clock
// of the person who creates it. Renders nothing.
import { useEffect } from 'react';
import { BROWSER_TIME_ZONE_COOKIE } from '@/lib/i18n/browser-time-zone-cookie';

export function BrowserTimeZone() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and Safari
    if (zone) document.cookie = `${BROWSER_TIME_ZONE_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax`;
  }, []);
  return null;
}
