import { and, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { apiKeys } from '../db/schema/orgs';
import { byIdInOrg } from '../db/scoped';
import type { ApiKeyView } from './api-keys.schema';
import { apiKeyColumns } from './create-api-key';
import { getApiKey } from './list-api-keys';
import { type OrgContext, requireRole } from './org-context';

/** Revokes a key at once; revoking an already revoked key answers it unchanged. */
export async function revokeApiKey(db: DbOrTx, ctx: OrgContext, id: string): Promise<ApiKeyView> {
  requireRole(ctx, 'admin');
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(byIdInOrg(apiKeys, id, ctx), isNull(apiKeys.revokedAt)))
    .returning(apiKeyColumns);
  return row ?? getApiKey(db, ctx, id);
}
