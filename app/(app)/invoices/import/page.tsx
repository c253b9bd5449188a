import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { INVOICE_COLUMN_NAMES, INVOICE_COLUMN_ORDER } from '@/lib/bulk/invoice-columns';
import { ImportForm } from './import-form';

export const generateMetadata = pageTitle('importInvoices');

const EXAMPLE = `client_code;client_name;period;recipients;file_name
CCT123;Dupont SARL;2025-01;"compta@dupont.fr; direction@dupont.fr";FACTURE_2025_01_CCT123.pdf
CCT456;Martin & Fils;2025-01;factures@martin.fr;CCT456/FACTURE_2025_01.pdf`;

export default async function ImportInvoicesPage() {
  await requireSessionOrg();
  const t = await getTranslations('importInvoices');
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <ImportForm />
      </Card>
      <Card>
        <h2 className="text-sm font-medium text-slate-700">{t('formatTitle')}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {t.rich('format', { code: (chunks) => <code>{chunks}</code> })}
        </p>
        <pre className="mt-3 whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs [overflow-wrap:anywhere]">
          {EXAMPLE}
        </pre>
        <a
          href="/invoices/import/template"
          download
          className="mt-3 inline-block text-sm text-indigo-700 hover:underline"
          data-testid="invoice-template"
        >
          {t('template')}
        </a>
      </Card>
      <Card>
        <h2 className="text-sm font-medium text-slate-700">{t('columnsTitle')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('columnsHint')}</p>
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left text-sm" data-testid="invoice-columns">
            <thead className="text-slate-600">
              <tr>
                <th className="py-1 pr-4 font-medium">{t('columnField')}</th>
                <th className="py-1 pr-4 font-medium">{t('columnFrench')}</th>
                <th className="py-1 font-medium">{t('columnEnglish')}</th>
              </tr>
            </thead>
            <tbody>
              {INVOICE_COLUMN_ORDER.map((column) => (
                <tr key={column} className="border-t border-slate-100">
                  <td className="py-1 pr-4">{t(`column.${column}`)}</td>
                  <td className="py-1 pr-4 font-mono text-xs" lang="fr">
                    {INVOICE_COLUMN_NAMES.fr[column].join(', ')}
                  </td>
                  <td className="py-1 font-mono text-xs" lang="en">
                    {INVOICE_COLUMN_NAMES.en[column].join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
