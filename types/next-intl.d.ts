// Typed catalogues: a `t('key')` whose key the English catalogue lacks does not type-check.
import type { formats } from '@/lib/i18n/formats';
import type { Locale } from '@/lib/i18n/locales';
import type en from '@/lib/i18n/messages/en.json';

declare module 'use-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
    Formats: typeof formats;
  }
}
