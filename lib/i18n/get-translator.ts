// Translations outside a page (e-mails Mailroom writes, the worker): a translator for a language
// given explicitly, since there is no request to take it from.
import { createTranslator } from 'use-intl/core';
import { catalogues } from './catalogues';
import { formats } from './formats';
import type { Locale } from './locales';

export function getTranslator(locale: Locale) {
  return createTranslator({ locale, messages: catalogues[locale], formats });
}
