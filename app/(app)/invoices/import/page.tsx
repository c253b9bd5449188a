import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { ImportForm } from './import-form';

export const metadata = { title: 'Import invoices' };

const EXAMPLE = `client_code;client_name;period;recipients;file_name
CCT123;Dupont SARL;2025-01;"compta@dupont.fr; direction@dupont.fr";FACTURE_2025_01_CCT123.pdf
CCT456;Martin & Fils;2025-01;factures@martin.fr;CCT456/FACTURE_2025_01.pdf`;

export default async function ImportInvoicesPage() {
  await requireSessionOrg();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Import invoices"
        description="A CSV manifest with the PDFs it names, or one ZIP holding both."
      />
      <Card>
        <ImportForm />
      </Card>
      <Card>
        <h2 className="text-sm font-medium text-slate-700">Manifest format</h2>
        <p className="mt-1 text-sm text-slate-600">
          One line per invoice, with a header naming the columns <code>client_code</code>,{' '}
          <code>client_name</code>, <code>period</code> (YYYY-MM), <code>recipients</code> (separated by{' '}
          <code>;</code> or <code>,</code> — quote the cell when it uses the CSV&apos;s own separator) and{' '}
          <code>file_name</code> (the PDF&apos;s name, or its path inside the ZIP). The separator may be{' '}
          <code>;</code>, <code>,</code> or a tab. Bad rows are listed and skipped; good rows are imported.
        </p>
        <pre className="mt-3 overflow-x-auto rounded bg-slate-50 p-3 text-xs">{EXAMPLE}</pre>
      </Card>
    </div>
  );
}
