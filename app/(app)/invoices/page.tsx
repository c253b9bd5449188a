import Link from 'next/link';
import {
  Badge,
  Button,
  ButtonLink,
  Card,
  Field,
  formatDate,
  Input,
  PageHeader,
  Select,
  Table,
} from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { listInvoicesQuery } from '@/lib/bulk/invoices.schema';
import { listInvoices } from '@/lib/bulk/list-invoices';
import { getDb } from '@/lib/db/client';

export const metadata = { title: 'Invoices' };

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
  const { invoices, nextCursor } = await listInvoices(getDb(), ctx, query);
  const filterQuery = new URLSearchParams(
    Object.entries({ clientCode: query.clientCode, period: query.period, status: query.status }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title="Invoices"
        description="Imported invoices and whether each one has been sent."
        actions={
          <>
            <ButtonLink href="/invoices/import" variant="secondary">
              Import invoices
            </ButtonLink>
            <ButtonLink href={`/invoices/send?${filterQuery}`}>Send invoices</ButtonLink>
          </>
        }
      />
      <Card>
        <form className="flex flex-wrap items-end gap-3" method="get">
          <Field label="Client code">
            <Input name="clientCode" defaultValue={query.clientCode ?? ''} placeholder="CCT123" />
          </Field>
          <Field label="Period">
            <Input name="period" type="month" defaultValue={query.period ?? ''} />
          </Field>
          <Field label="Status">
            <Select name="status" defaultValue={query.status ?? ''}>
              <option value="">Any</option>
              <option value="never_sent">Never sent</option>
              <option value="sent">Sent</option>
              <option value="failed">Failed</option>
            </Select>
          </Field>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filterQuery.size ? (
            <Link href="/invoices" className="py-2 text-sm text-indigo-700 hover:underline">
              Clear
            </Link>
          ) : null}
        </form>
        {!parsed.success ? (
          <p className="mt-2 text-sm text-red-700">Some filters were not valid and were ignored.</p>
        ) : null}
      </Card>
      <Table
        head={['Client', 'Period', 'Recipients', 'File', 'Status']}
        empty={invoices.length === 0 ? 'No invoice matches. Import some first.' : undefined}
      >
        {invoices.map((invoice) => (
          <tr key={invoice.id} data-testid="invoice-row">
            <td className="px-4 py-2">
              <span className="font-mono">{invoice.clientCode}</span>
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
              <span className="block text-xs text-slate-500">{Math.ceil(invoice.pdfSize / 1024)} KB</span>
            </td>
            <td className="px-4 py-2" data-testid="invoice-status">
              {invoice.status === 'sent' ? (
                <Badge tone="green">sent {formatDate(invoice.sentAt)}</Badge>
              ) : invoice.status === 'failed' ? (
                <>
                  <Badge tone="red">failed</Badge>
                  <span className="block text-xs text-red-700">{invoice.failureReason}</span>
                </>
              ) : (
                <Badge>never sent</Badge>
              )}
              {invoice.lastRunId ? (
                <Link
                  href={`/runs/${invoice.lastRunId}`}
                  className="block text-xs text-indigo-700 hover:underline"
                >
                  last run
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
          Next page →
        </Link>
      ) : null}
    </div>
  );
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
