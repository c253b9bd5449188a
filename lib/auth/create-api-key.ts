import { parseOr400 } from '../api/errors';
import { randomToken, sha256 } from '../crypto/tokens';
import type { DbOrTx } from '../db/client';
import { apiKeys } from '../db/schema/orgs';
import {
  API_KEY_PREFIX,
  API_KEY_VISIBLE_LENGTH,
  type ApiKeyView,
  createApiKeyInput,
} from './api-keys.schema';
import { actorUserId, type OrgContext, requireRole } from './org-context';

/** Creates a key for the org. The returned `key` is the only time the full key exists in clear. */
export async function createApiKey(
  db: DbOrTx,
  ctx: OrgContext,
  input: { name: string },
): Promise<{ apiKey: ApiKeyView; key: string }> {
  requireRole(ctx, 'admin');
  const { name } = parseOr400(createApiKeyInput, input);
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      orgId: ctx.orgId,
      name,
      prefix: key.slice(0, API_KEY_VISIBLE_LENGTH),
      hash: sha256(key),
      createdBy: actorUserId(ctx),
    })
    .returning(apiKeyColumns);
  if (!row) throw new Error('api key insert returned nothing');
  return { apiKey: row, key };
}

export const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};
