import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
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
      </Card>
    </div>
  );
}
