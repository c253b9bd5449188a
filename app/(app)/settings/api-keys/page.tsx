import { Badge, Button, Card, formatDate, PageHeader, Table } from '@/app/components/ui';
import { listApiKeys } from '@/lib/auth/list-api-keys';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { revokeApiKeyAction } from './actions';
import { CreateKeyForm } from './create-key-form';

export const metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const { ctx } = await requireSessionOrg();
  const keys = await listApiKeys(getDb(), ctx);
  const canManage = ctx.role !== 'member';
  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        description="Use a key as `Authorization: Bearer <key>` on /api/v1. The API is described at /api/v1/openapi.json."
      />
      {canManage ? (
        <Card>
          <CreateKeyForm />
        </Card>
      ) : (
        <p className="text-sm text-slate-600">Only owners and admins can create or revoke keys.</p>
      )}
      <Table
        head={['Name', 'Key', 'Created', 'Last used', 'Status', '']}
        empty={keys.length === 0 ? 'No API keys yet.' : undefined}
      >
        {keys.map((k) => (
          <tr key={k.id}>
            <td className="px-4 py-2">{k.name}</td>
            <td className="px-4 py-2 font-mono text-xs">{k.prefix}…</td>
            <td className="px-4 py-2 text-slate-600">{formatDate(k.createdAt)}</td>
            <td className="px-4 py-2 text-slate-600">{formatDate(k.lastUsedAt)}</td>
            <td className="px-4 py-2">
              {k.revokedAt ? <Badge tone="red">revoked</Badge> : <Badge tone="green">active</Badge>}
            </td>
            <td className="px-4 py-2 text-right">
              {canManage && !k.revokedAt ? (
                <form action={revokeApiKeyAction}>
                  <input type="hidden" name="id" value={k.id} />
                  <Button type="submit" variant="danger">
                    Revoke
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
