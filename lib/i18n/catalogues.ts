// The message catalogues, one per language, with the English one as the shape every other must
// have (a catalogue missing a key does not type-check; lib/i18n/catalogues.test.ts also catches
// extra keys and keys the code uses that no catalogue has).

import type { Locale } from './locales';
import en from './messages/en.json';
import fr from './messages/fr.json';

export type Messages = typeof en;

export const catalogues: Record<Locale, Messages> = { en, fr };
