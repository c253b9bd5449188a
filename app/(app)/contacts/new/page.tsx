import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { listGroups } from '@/lib/contacts/list-groups';
import { getDb } from '@/lib/db/client';
import { ContactForm } from '../contact-form';

export const generateMetadata = pageTitle('newContact');

export default async function NewContactPage() {
  const { ctx } = await requireSessionOrg();
  const [groups, t] = await Promise.all([
    listGroups(getDb(), ctx, { limit: 500 }),
    getTranslations('contacts'),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={t('new')} />
      <Card>
        <ContactForm groups={groups.groups} />
      </Card>
    </div>
  );
}
