'use client';

// The root layout itself failed: no catalogue was handed to the page, so this one carries the
// error card's words in both languages and speaks the browser's.
import { NextIntlClientProvider } from 'next-intl';
import { useEffect, useState } from 'react';
import en from '@/lib/i18n/messages/en.json';
import fr from '@/lib/i18n/messages/fr.json';
import { ErrorCard } from './components/error-card';
import './globals.css';

export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const [locale, setLocale] = useState<'en' | 'fr'>('en');
  useEffect(() => setLocale(navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en'), []);
  const messages = { errorPage: (locale === 'fr' ? fr : en).errorPage };
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider locale={locale} messages={messages}>
          <ErrorCard digest={error.digest} retry={reset} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
