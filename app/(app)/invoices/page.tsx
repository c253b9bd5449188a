import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { ServerMessage } from '@/app/components/server-message';
import {
  Badge,
  Button,
  ButtonLink,
  Card,
  Field,
  Input,
  PageHeader,
  Select,
  Table,
} from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { listInvoicesQuery } from '@/lib/bulk/invoices.schema';
import { listInvoices } from '@/lib/bulk/list-invoices';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { formatSize } from '@/lib/i18n/format-size';

export const generateMetadata = pageTitle('invoices');

export default async function InvoicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSessionOrg();
  const raw = await searchParams;
  const parsed = listInvoicesQuery.safeParse({
    clientCode: single(raw.clientCode) || undefined,
    period: single(raw.period),
    status: single(raw.status),
    cursor: single(raw.cursor) || undefined,
    limit: 100,
  });
  const query = parsed.success ? parsed.data : listInvoicesQuery.parse({ limit: 100 });
  const { invoices, nextCursor } = await listInvoices(getDb(), ctx, query, { clientSearch: true });
  const [t, format] = await Promise.all([getTranslations('invoices'), getFormatter()]);
  const filterQuery = new URLSearchParams(
    Object.entries({ clientCode: query.clientCode, period: query.period, status: query.status }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <ButtonLink href="/invoices/import" variant="secondary">
              {t('import')}
            </ButtonLink>
            <ButtonLink href={`/invoices/send?${filterQuery}`}>{t('send')}</ButtonLink>
          </>
        }
      />
      <Card>
        <form className="flex flex-wrap items-end gap-3" method="get">
          <Field label={t('clientCode')}>
            <Input name="clientCode" defaultValue={query.clientCode ?? ''} placeholder="CCT123" />
          </Field>
          <Field label={t('period')}>
            <Input name="period" type="month" defaultValue={query.period ?? ''} />
          </Field>
          <Field label={t('status')}>
            <Select name="status" defaultValue={query.status ?? ''}>
              <option value="">{t('any')}</option>
              <option value="never_sent">{t('neverSent')}</option>
              <option value="sent">{t('sent')}</option>
              <option value="failed">{t('failed')}</option>
            </Select>
          </Field>
          <Button type="submit" variant="secondary">
            {t('filter')}
          </Button>
          {filterQuery.size ? (
            <Link href="/invoices" className="py-2 text-sm text-indigo-700 hover:underline">
              {t('clear')}
            </Link>
          ) : null}
        </form>
        {!parsed.success ? <p className="mt-2 text-sm text-red-700">{t('badFilters')}</p> : null}
      </Card>
      <Table
        head={[t('client'), t('period'), t('recipients'), t('file'), t('status')]}
        empty={invoices.length === 0 ? t('empty') : undefined}
      >
        {invoices.map((invoice) => (
          <tr key={invoice.id} data-testid="invoice-row">
            <td className="px-4 py-2">
              <Link href={`/invoices/${invoice.id}`} className="font-mono text-indigo-700 hover:underline">
                {invoice.clientCode}
              </Link>
              <span className="block text-xs text-slate-500">{invoice.clientName}</span>
            </td>
            <td className="px-4 py-2">{invoice.period}</td>
            <td className="px-4 py-2 text-slate-600">{invoice.recipients.join(', ')}</td>
            <td className="px-4 py-2">
              <a
                href={`/api/v1/invoices/${invoice.id}/pdf`}
                className="text-indigo-700 hover:underline"
                target="_blank"
                rel="noreferrer"
              >
                {invoice.fileName}
              </a>
              <span className="block text-xs text-slate-500">{formatSize(format, invoice.pdfSize)}</span>
            </td>
            <td className="px-4 py-2" data-testid="invoice-status">
              {invoice.status === 'sent' ? (
                <Badge tone="green">{t('sentOn', { when: formatDate(format, invoice.sentAt) })}</Badge>
              ) : invoice.status === 'failed' ? (
                <>
                  <Badge tone="red">{t('badgeFailed')}</Badge>
                  <span className="block text-xs text-red-700">
                    <ServerMessage text={invoice.failureReason} />
                  </span>
                </>
              ) : (
                <Badge>{t('badgeNeverSent')}</Badge>
              )}
              {invoice.lastRunId ? (
                <Link
                  href={`/runs/${invoice.lastRunId}`}
                  className="block text-xs text-indigo-700 hover:underline"
                >
                  {t('lastRun')}
                </Link>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
      {nextCursor ? (
        <Link
          href={`/invoices?${new URLSearchParams([...filterQuery, ['cursor', nextCursor]])}`}
          className="text-sm text-indigo-700 hover:underline"
        >
          {t('nextPage')}
        </Link>
      ) : null}
    </div>
  );
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
