import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from './components/ui';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="mx-auto mt-24 max-w-md">
      <Card className="space-y-3">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('body')}</p>
        <Link href="/dashboard" className="text-sm text-indigo-700 underline">
          {t('home')}
        </Link>
      </Card>
    </div>
  );
}
