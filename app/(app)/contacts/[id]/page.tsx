import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Button, Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getContact } from '@/lib/contacts/get-contact';
import { listGroups } from '@/lib/contacts/list-groups';
import { getDb } from '@/lib/db/client';
import { deleteContactAction } from '../actions';
import { ContactForm } from '../contact-form';

export const generateMetadata = pageTitle('editContact');

export default async function EditContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionOrg();
  const { id } = await params;
  const db = getDb();
  const [contact, groups, t] = await Promise.all([
    orNotFound(getContact(db, ctx, id)),
    listGroups(db, ctx, { limit: 500 }),
    getTranslations('contacts'),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={[contact.firstName, contact.lastName].filter(Boolean).join(' ') || t('editTitle')} />
      <Card>
        <ContactForm contact={contact} groups={groups.groups} />
      </Card>
      <form action={deleteContactAction}>
        <input type="hidden" name="id" value={contact.id} />
        <Button type="submit" variant="danger">
          {t('delete')}
        </Button>
      </form>
    </div>
  );
}
