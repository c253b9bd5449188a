import { getFormatter, getTranslations } from 'next-intl/server';
import { pageTitle } from '@/app/components/page-title';
import { Badge, Button, Card, PageHeader, Table } from '@/app/components/ui';
import { listApiKeys } from '@/lib/auth/list-api-keys';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatDate } from '@/lib/i18n/format-date';
import { revokeApiKeyAction } from './actions';
import { CreateKeyForm } from './create-key-form';

export const generateMetadata = pageTitle('apiKeys');

export default async function ApiKeysPage() {
  const { ctx } = await requireSessionOrg();
  const keys = await listApiKeys(getDb(), ctx);
  const [t, format] = await Promise.all([getTranslations('apiKeys'), getFormatter()]);
  const canManage = ctx.role !== 'member';
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t.raw('description')} />
      {canManage ? (
        <Card>
          <CreateKeyForm />
        </Card>
      ) : (
        <p className="text-sm text-slate-600">{t('onlyAdmins')}</p>
      )}
      <Table
        head={[t('name'), t('key'), t('created'), t('lastUsed'), t('status'), '']}
        empty={keys.length === 0 ? t('empty') : undefined}
      >
        {keys.map((k) => (
          <tr key={k.id}>
            <td className="px-4 py-2">{k.name}</td>
            <td className="px-4 py-2 font-mono text-xs">{k.prefix}…</td>
            <td className="px-4 py-2 text-slate-600">{formatDate(format, k.createdAt)}</td>
            <td className="px-4 py-2 text-slate-600">{formatDate(format, k.lastUsedAt)}</td>
            <td className="px-4 py-2">
              {k.revokedAt ? (
                <Badge tone="red">{t('revoked')}</Badge>
              ) : (
                <Badge tone="green">{t('active')}</Badge>
              )}
            </td>
            <td className="px-4 py-2 text-right">
              {canManage && !k.revokedAt ? (
                <form action={revokeApiKeyAction}>
                  <input type="hidden" name="id" value={k.id} />
                  <Button type="submit" variant="danger">
                    {t('revoke')}
                  </Button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
