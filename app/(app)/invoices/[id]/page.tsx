import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Alert, Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getInvoice } from '@/lib/bulk/update-invoice';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { InvoiceForm } from './invoice-form';

export const generateMetadata = pageTitle('editInvoice');

export default async function EditInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const invoice = await orNotFound(getInvoice(getDb(), ctx, id));
  const [t, format] = await Promise.all([getTranslations('editInvoice'), getFormatter()]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title', { code: invoice.clientCode, period: invoice.period })}
        description={invoice.fileName}
        actions={
          <Link href="/invoices" className="text-sm text-indigo-700 hover:underline">
            {t('back')}
          </Link>
        }
      />
      <Card>
        {invoice.status === 'sent' ? (
          <div className="space-y-3" data-testid="invoice-locked">
            <Alert kind="info">{t('locked', { when: formatDate(format, invoice.sentAt) })}</Alert>
            <p className="text-sm">
              {t('lockedClient', { name: invoice.clientName, recipients: invoice.recipients.join(', ') })}
            </p>
            {invoice.lastRunId ? (
              <Link href={`/runs/${invoice.lastRunId}`} className="text-sm text-indigo-700 hover:underline">
                {t('seeRun')}
              </Link>
            ) : null}
          </div>
        ) : (
          <InvoiceForm invoice={invoice} />
        )}
      </Card>
    </div>
  );
}
