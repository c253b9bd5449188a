// Connects a mailbox to the organisation. The password goes into a sealed credential the mailbox
// refers to (lib/credentials), in the same transaction; the first sync is due at once (the
// worker's dispatcher picks it up within a minute, or ask for it).
import { parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { saveAccountPassword } from '../credentials/save-account-password';
import type { DbOrTx } from '../db/client';
import { inboxMailboxes } from '../db/schema/inbox';
import { assertAllowedHost } from '../net/assert-allowed-host';
import { checkReplySender } from './check-reply-sender';
import {
  type CreateIntegrationInput,
  createIntegrationInput,
  type IntegrationView,
  toIntegrationView,
} from './integrations.schema';
import { resolveServerSettings } from './resolve-server-settings';
import { rethrowDuplicateAccount } from './rethrow-duplicate-account';

export async function createIntegration(
  db: DbOrTx,
  ctx: OrgContext,
  input: CreateIntegrationInput,
): Promise<IntegrationView> {
  requireRole(ctx, 'admin');
  const s = parseOr400(createIntegrationInput, input, 'request body');
  const server = resolveServerSettings(s);
  await assertAllowedHost(server.host);
  try {
    const row = await db.transaction(async (tx) => {
      const credentialId = await saveAccountPassword(
        tx,
        { orgId: ctx.orgId, credentialId: null },
        s.password,
      );
      const [inserted] = await tx
        .insert(inboxMailboxes)
        .values({
          orgId: ctx.orgId,
          kind: s.kind,
          name: s.name,
          preset: s.preset ?? null,
          ...server,
          verifyTls: s.verifyTls,
          username: s.username,
          // The schema requires a password (min 1): there is always a credential.
          credentialId: credentialId!,
          folders: s.folders,
          intervalMinutes: s.intervalMinutes,
          active: s.active,
          push: s.push,
          senderId: await checkReplySender(tx, ctx, s.senderId),
          nextSyncAt: new Date(),
        })
        .returning();
      return inserted!;
    });
    return toIntegrationView(row);
  } catch (error) {
    rethrowDuplicateAccount(error, server.host, s.username);
  }
}
