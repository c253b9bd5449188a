/**
 * The browser's own time zone, written by the page (app/components/browser-time-zone.tsx) so the
 * server can give a new organisation the clock of the person who creates it.
 */
export const BROWSER_TIME_ZONE_COOKIE = 'mailroom_tz';
