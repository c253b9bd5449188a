import { headers } from 'next/headers';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/app/components/ui';
import { MAGIC_LINK_MINUTES } from '@/lib/auth/auth-secret';
import { canReadSystemMailbox } from '@/lib/auth/system-mailbox-access';

export async function generateMetadata() {
  return { title: (await getTranslations('signin'))('checkEmailMetaTitle') };
}
export const dynamic = 'force-dynamic';

export default async function CheckEmailPage() {
  const t = await getTranslations('signin');
  return (
    <div className="mx-auto mt-24 max-w-sm">
      <Card className="space-y-3 text-center">
        <h1 className="text-xl font-semibold">{t('checkEmailTitle')}</h1>
        <p className="text-sm text-slate-600">{t('checkEmailBody', { minutes: MAGIC_LINK_MINUTES })}</p>
        {canReadSystemMailbox(await headers()) ? (
          <p className="text-sm">
            {t.rich('checkEmailPreview', {
              link: (chunks) => (
                <Link href="/mailbox" className="text-indigo-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : null}
      </Card>
    </div>
  );
}
