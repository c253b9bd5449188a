// The toast cookie's shape, shared by the server side that sets it (app/toast.ts) and the
// Toaster that shows it. It carries a catalogue key and its values, never a sentence.
import type en from '@/lib/i18n/messages/en.json';

export const TOAST_COOKIE = 'mailroom_toast';

export type ToastKey = Exclude<keyof (typeof en)['toasts'], 'dismiss'>;

export type ToastFlash = { key: ToastKey; values?: Record<string, string | number>; id: string };

/** The cookie's value as a flash, or null when it is not one (tampered with, or stale). */
export function parseToastFlash(raw: string | undefined | null): ToastFlash | null {
  if (!raw) return null;
  try {
    // As the server reads it (decoded), or as the browser holds it (percent-encoded).
    const value = (
      raw.startsWith('{') ? JSON.parse(raw) : JSON.parse(decodeURIComponent(raw))
    ) as Partial<ToastFlash>;
    if (typeof value.key !== 'string' || typeof value.id !== 'string') return null;
    const values =
      value.values && typeof value.values === 'object'
        ? Object.fromEntries(
            Object.entries(value.values).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
          )
        : undefined;
    return { key: value.key as ToastKey, values, id: value.id };
  } catch {
    return null;
  }
}
