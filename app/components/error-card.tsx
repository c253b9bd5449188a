'use client';

// What a page that failed on our side shows (the 500 page): in the app's look, in the user's
// language, with "Try again" and a way back. The real error is in the server's log, never here;
// its digest lets the user quote it to whoever reads that log.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button, Card } from './ui';

export function ErrorCard({ digest, retry }: { digest?: string; retry: () => void }) {
  const t = useTranslations('errorPage');
  return (
    <div className="mx-auto mt-16 max-w-md px-4 md:mt-24">
      <Card className="space-y-3">
        <p className="text-sm font-semibold text-red-700">{t('code')}</p>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('body')}</p>
        {digest ? <p className="text-xs text-slate-500">{t('reference', { digest })}</p> : null}
        <div className="flex flex-wrap items-center gap-4">
          <Button type="button" onClick={retry}>
            {t('retry')}
          </Button>
          {/* A full page load: the frame itself may be what failed. */}
          <Link href="/dashboard" className="text-sm text-indigo-700 underline" prefetch={false}>
            {t('home')}
          </Link>
        </div>
      </Card>
    </div>
  );
}
