'use client';

// What a page that failed on our side shows (the 500 page): in the app's look, in the user's
// language, with "Try again" and a way back. The real error is in the server's log, never here;
// its digest lets the user quote it to whoever reads that log.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { StatusPage } from './status-page';
import { Button } from './ui';

export function ErrorCard({ digest, retry }: { digest?: string; retry: () => void }) {
  const t = useTranslations('errorPage');
  return (
    <StatusPage code={t('code')} tone="red" title={t('title')} body={t('body')}>
      {digest ? <p className="text-xs text-slate-500">{t('reference', { digest })}</p> : null}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="button" onClick={retry}>
          {t('retry')}
        </Button>
        <Link href="/dashboard" className="text-sm text-indigo-700 underline" prefetch={false}>
          {t('home')}
        </Link>
      </div>
    </StatusPage>
  );
}
