// The interface languages Mailroom speaks. Adding one means a catalogue in ./messages and an entry
// here; everything else (negotiation, the switch in the user menu, e-mails) follows.
export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

/** Used when neither the user, the browser nor the organisation says anything. */
export const defaultLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Each language's name in itself, for the language switch. */
export const localeNames: Record<Locale, string> = { en: 'English', fr: 'Français' };
