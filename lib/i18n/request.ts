// next-intl's request configuration (wired in next.config.ts), used without i18n routing: URLs
// never carry the language; it comes from the viewer (lib/i18n/get-viewer-language.ts).
import { getRequestConfig } from 'next-intl/server';
import { catalogues } from './catalogues';
import { formats } from './formats';
import { getViewerLanguage } from './get-viewer-language';

export default getRequestConfig(async () => {
  const { locale, timeZone } = await getViewerLanguage();
  return { locale, timeZone, messages: catalogues[locale], formats };
});
