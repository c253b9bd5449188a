// `Authorization: Bearer mr_live_…` → the key's organisation. API keys act with the admin role:
// they can do everything in their org except what only an owner may (ownership, owner invites).
// A client address that keeps presenting wrong keys is refused for a while (429), so keys cannot
// be guessed at speed; the check runs before the lookup, the count only on failure.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { tooManyRequests, unauthorized } from '../api/errors';
import { sha256 } from '../crypto/tokens';
import type { DbOrTx } from '../db/client';
import { apiKeys } from '../db/schema/orgs';
import { hitRateLimit, inHowLong, peekRateLimit } from '../rate-limit/hit-rate-limit';
import { API_KEY_FAILURES_PER_CLIENT } from '../rate-limit/rules';
import { API_KEY_PREFIX } from './api-keys.schema';
import type { OrgContext } from './org-context';

export async function authenticateApiKey(
  db: DbOrTx,
  authorization: string,
  clientAddress: string | null = null,
): Promise<OrgContext> {
  if (clientAddress) {
    const state = await peekRateLimit(db, API_KEY_FAILURES_PER_CLIENT, clientAddress);
    if (state && state.hits >= API_KEY_FAILURES_PER_CLIENT.limit) {
      throw tooManyRequests(
        `Too many requests with an invalid API key from this address. Try again ${inHowLong(state.retryAfterSeconds)}.`,
        state.retryAfterSeconds,
      );
    }
  }
  const fail = async (message: string) => {
    if (clientAddress) await hitRateLimit(db, API_KEY_FAILURES_PER_CLIENT, clientAddress);
    return unauthorized(message);
  };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const key = match?.[1];
  if (!key?.startsWith(API_KEY_PREFIX)) {
    throw await fail('The Authorization header must be "Bearer mr_live_…".');
  }
  const [row] = await db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, sha256(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw await fail('This API key is not valid or has been revoked.');

  // Record use at most once a minute per key, so a busy key does not write on every request.
  const now = new Date();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
  return { orgId: row.orgId, role: 'admin', actor: { kind: 'apiKey', apiKeyId: row.id } };
}
