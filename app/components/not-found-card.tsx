// The 404 page's content, in the app's look, with a way back; `children` adds to it (the hint to
// switch organisation, inside the app).
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { StatusPage } from './status-page';

export function NotFoundCard({ children }: { children?: ReactNode }) {
  const t = useTranslations('notFound');
  return (
    <StatusPage code={t('code')} tone="indigo" title={t('title')} body={t('body')}>
      {children}
      <Link href="/dashboard" className="inline-block text-sm text-indigo-700 underline">
        {t('home')}
      </Link>
    </StatusPage>
  );
}
