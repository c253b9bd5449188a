import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Card, PageHeader } from '@/app/components/ui';
import { orNotFound } from '@/app/or-not-found';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getBroadcast } from '@/lib/broadcasts/get-broadcast';
import { listTemplates } from '@/lib/broadcasts/list-templates';
import { BUILT_IN_VARIABLES, knownCustomFields } from '@/lib/broadcasts/message-variables';
import { listContacts } from '@/lib/contacts/list-contacts';
import { listGroups } from '@/lib/contacts/list-groups';
import { getDb } from '@/lib/db/client';
import { instantToZonedLocal } from '@/lib/i18n/zoned-time';
import { listSenders } from '@/lib/outbox/list-senders';
import { listSmsAccounts } from '@/lib/outbox/list-sms-accounts';
import { BroadcastComposeForm, type ComposeInitial } from './compose-form';

export const generateMetadata = pageTitle('composeBroadcast');

export default async function ComposeBroadcastPage({
  searchParams,
}: {
  searchParams: Promise<{ id?: string }>;
}) {
  const { ctx, org } = await requireSessionOrg();
  const { id } = await searchParams;
  const db = getDb();
  const [contacts, groups, senders, smsAccounts, templates, custom, t, existing] = await Promise.all([
    listContacts(db, ctx, { limit: 500 }),
    listGroups(db, ctx, { limit: 500 }),
    listSenders(db, ctx),
    listSmsAccounts(db, ctx),
    listTemplates(db, ctx),
    knownCustomFields(db, ctx),
    getTranslations('broadcasts'),
    id ? orNotFound(getBroadcast(db, ctx, id)) : Promise.resolve(null),
  ]);
  const initial: ComposeInitial = existing
    ? {
        id: existing.id,
        channels: existing.channels,
        contactIds: existing.contactIds,
        groupIds: existing.groupIds,
        subject: existing.subject,
        content: existing.content,
        senderId: existing.senderId,
        smsAccountId: existing.smsAccountId,
        scheduledAt: existing.scheduledAt ? instantToZonedLocal(existing.scheduledAt, org.timeZone) : '',
      }
    : {
        channels: ['email'],
        contactIds: [],
        groupIds: [],
        subject: '',
        content: '',
        senderId: null,
        smsAccountId: null,
        scheduledAt: '',
      };
  return (
    <div className="space-y-4">
      <PageHeader
        title={existing ? t('editTitle') : t('composeTitle')}
        description={t('composeDescription')}
      />
      <Card>
        <BroadcastComposeForm
          initial={initial}
          timeZone={org.timeZone}
          contacts={contacts.contacts.map((c) => ({
            id: c.id,
            label: `${[c.firstName, c.lastName].filter(Boolean).join(' ') || '—'} (${[c.email, c.phone].filter(Boolean).join(', ')})`,
          }))}
          groups={groups.groups.map((g) => ({ id: g.id, label: g.name, members: g.memberCount }))}
          senders={senders
            .filter((s) => s.kind !== 'twilio' && s.kind !== 'brevo')
            .map((s) => ({ id: s.id, label: `${s.name} — ${s.fromAddress}` }))}
          // Only accounts that can send (the save refuses the others, naming smsAccountId).
          smsAccounts={smsAccounts
            .filter((a) => a.provider === 'preview' || a.hasSecret)
            .map((a) => ({ id: a.id, label: `${a.name} — ${a.from}` }))}
          templates={templates.map((x) => ({
            id: x.id,
            name: x.name,
            subject: x.subject,
            content: x.content,
          }))}
          variables={[...BUILT_IN_VARIABLES, ...custom]}
        />
      </Card>
    </div>
  );
}
