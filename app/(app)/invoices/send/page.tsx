import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listSenders } from '@/lib/outbox/list-senders';
import { SendForm } from './send-form';

export const generateMetadata = pageTitle('sendInvoices');

export default async function SendInvoicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSessionOrg();
  const senders = await listSenders(getDb(), ctx);
  const query = await searchParams;
  const t = await getTranslations('sendInvoices');
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <SendForm
        senders={senders.map((s) => ({
          id: s.id,
          label: `${s.name} — ${s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress}${s.kind === 'preview' ? t('previewSuffix') : ''}`,
        }))}
        initial={{ clientCode: first(query.clientCode), period: first(query.period) }}
      />
    </>
  );
}
