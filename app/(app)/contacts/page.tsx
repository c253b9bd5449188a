import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Badge, Button, ButtonLink, Input, PageHeader, Select, Table } from '@/app/components/ui';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { listContactsQuery } from '@/lib/contacts/contacts.schema';
import { listContacts } from '@/lib/contacts/list-contacts';
import { listGroups } from '@/lib/contacts/list-groups';
import { getDb } from '@/lib/db/client';

export const generateMetadata = pageTitle('contacts');

export default async function ContactsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSessionOrg();
  const params = await searchParams;
  const parsed = listContactsQuery.safeParse(params);
  const query = parsed.success ? parsed.data : listContactsQuery.parse({});
  const db = getDb();
  const [page, groups, t] = await Promise.all([
    listContacts(db, ctx, query),
    listGroups(db, ctx, { limit: 500 }),
    getTranslations('contacts'),
  ]);
  const next = new URLSearchParams({
    ...(query.q ? { q: query.q } : {}),
    ...(query.groupId ? { groupId: query.groupId } : {}),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  });
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex flex-wrap gap-3">
        <ButtonLink href="/contacts/new">{t('new')}</ButtonLink>
        <ButtonLink href="/contacts/groups" variant="secondary">
          {t('groupsLink')}
        </ButtonLink>
        <ButtonLink href="/contacts/import" variant="secondary">
          {t('importLink')}
        </ButtonLink>
        <a className="self-center text-sm text-indigo-700 underline" href="/api/v1/contacts/export">
          {t('export')}
        </a>
      </div>
      <form className="flex flex-wrap items-end gap-3">
        <Input
          name="q"
          defaultValue={query.q ?? ''}
          placeholder={t('searchPlaceholder')}
          aria-label={t('search')}
        />
        <Select name="groupId" defaultValue={query.groupId ?? ''} aria-label={t('groups')}>
          <option value="">{t('allGroups')}</option>
          {groups.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
        <Button type="submit" variant="secondary">
          {t('search')}
        </Button>
      </form>
      <Table
        head={[t('name'), t('email'), t('phone'), t('groups'), '']}
        empty={page.contacts.length === 0 ? t('empty') : undefined}
      >
        {page.contacts.map((c) => (
          <tr key={c.id} data-testid="contact-row">
            <td className="px-4 py-3 font-medium">
              {[c.firstName, c.lastName].filter(Boolean).join(' ') || '—'}
            </td>
            <td className="px-4 py-3 text-sm">
              {c.email ?? '—'} {c.emailOptOut ? <Badge tone="amber">{t('optedOut')}</Badge> : null}
            </td>
            <td className="px-4 py-3 font-mono text-sm">
              {c.phone ?? '—'} {c.smsOptOut ? <Badge tone="amber">{t('optedOut')}</Badge> : null}
            </td>
            <td className="px-4 py-3 text-sm">{c.groups.map((g) => g.name).join(', ')}</td>
            <td className="px-4 py-3 text-sm">
              <Link className="text-indigo-700 underline" href={`/contacts/${c.id}`}>
                {t('edit')}
              </Link>
            </td>
          </tr>
        ))}
      </Table>
      {page.nextCursor ? (
        <Link className="text-sm text-indigo-700 underline" href={`/contacts?${next}`}>
          {t('nextPage')}
        </Link>
      ) : null}
    </div>
  );
}
