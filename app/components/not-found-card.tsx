// The 404 page's content, in the app's look, with a way back; `children` adds to it (the hint to
// switch organisation, inside the app).
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Card } from './ui';

export function NotFoundCard({ children }: { children?: ReactNode }) {
  const t = useTranslations('notFound');
  return (
    <div className="mx-auto mt-16 max-w-md px-4 md:mt-24">
      <Card className="space-y-3">
        <p className="text-sm font-semibold text-indigo-700">{t('code')}</p>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('body')}</p>
        {children}
        <Link href="/dashboard" className="inline-block text-sm text-indigo-700 underline">
          {t('home')}
        </Link>
      </Card>
    </div>
  );
}
