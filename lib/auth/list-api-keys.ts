import { desc } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { apiKeys } from '../db/schema/orgs';
import { byIdInOrg, firstOr404, inOrg } from '../db/scoped';
import type { ApiKeyView } from './api-keys.schema';
import { apiKeyColumns } from './create-api-key';
import type { OrgContext } from './org-context';

export async function listApiKeys(db: DbOrTx, ctx: OrgContext): Promise<ApiKeyView[]> {
  return db.select(apiKeyColumns).from(apiKeys).where(inOrg(apiKeys, ctx)).orderBy(desc(apiKeys.createdAt));
}

export async function getApiKey(db: DbOrTx, ctx: OrgContext, id: string): Promise<ApiKeyView> {
  return firstOr404(
    await db
      .select(apiKeyColumns)
      .from(apiKeys)
      .where(byIdInOrg(apiKeys, id, ctx)),
    'API key',
  );
}
