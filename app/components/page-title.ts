// A page's <title> in the viewer's language: `export const generateMetadata = pageTitle('outbox');`
// (keys in the `titles` namespace of the catalogues).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { Messages } from '@/lib/i18n/catalogues';

export function pageTitle(key: keyof Messages['titles']): () => Promise<Metadata> {
  return async () => ({ title: (await getTranslations('titles'))(key) });
}
