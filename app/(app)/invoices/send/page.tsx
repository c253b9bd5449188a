import { PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { listSenders } from '@/lib/outbox/list-senders';
import { SendForm } from './send-form';

export const metadata = { title: 'Send invoices' };

export default async function SendInvoicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSessionOrg();
  const senders = await listSenders(getDb(), ctx);
  const query = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  return (
    <>
      <PageHeader
        title="Send invoices"
        description="Each matching invoice goes to its own recipients as one email with its PDF attached."
      />
      <SendForm
        senders={senders.map((s) => ({
          id: s.id,
          label: `${s.name} — ${s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress}${s.kind === 'preview' ? ' (preview mailbox)' : ''}`,
        }))}
        initial={{ clientCode: first(query.clientCode), period: first(query.period) }}
      />
    </>
  );
}
