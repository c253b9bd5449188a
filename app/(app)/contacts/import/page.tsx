import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { ContactImportForm } from './import-form';

export const generateMetadata = pageTitle('importContacts');

const EXAMPLE = `first_name;last_name;email;phone;groups;child_name
Léa;Martin;lea.martin@example.fr;06 12 34 56 78;"CM1 A; Parents CM2";Hugo
Sam;Noël;;+33 6 98 76 54 32;CM1 A;Inès`;

export default async function ImportContactsPage() {
  await requireSessionOrg();
  const t = await getTranslations('importContacts');
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <ContactImportForm />
      </Card>
      <Card>
        <h2 className="text-sm font-medium text-slate-700">{t('formatTitle')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('format')}</p>
        <pre className="mt-3 whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs [overflow-wrap:anywhere]">
          {EXAMPLE}
        </pre>
      </Card>
    </div>
  );
}
