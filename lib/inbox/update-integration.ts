// Changes a mailbox's settings. A new password replaces the secret in the mailbox's credential;
// none keeps the stored one. Changing the server or the account makes the mailbox due for a sync at
// once and clears the backoff.
import { eq } from 'drizzle-orm';
import { parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { saveAccountPassword } from '../credentials/save-account-password';
import type { DbOrTx } from '../db/client';
import { inboxFolderCursors, inboxMailboxes } from '../db/schema/inbox';
import { assertAllowedHost } from '../net/assert-allowed-host';
import { checkReplySender } from './check-reply-sender';
import {
  type IntegrationView,
  toIntegrationView,
  type UpdateIntegrationInput,
  updateIntegrationInput,
} from './integrations.schema';
import { getIntegrationRow } from './list-integrations';
import { forgetAllLocations } from './reconcile-removed';
import { resolveServerSettings } from './resolve-server-settings';
import { rethrowDuplicateAccount } from './rethrow-duplicate-account';

export async function updateIntegration(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
  input: UpdateIntegrationInput,
): Promise<IntegrationView> {
  requireRole(ctx, 'admin');
  const s = parseOr400(updateIntegrationInput, input, 'request body');
  const current = await getIntegrationRow(db, ctx, id);
  const presetChanged = s.preset !== undefined && s.preset !== current.preset;
  const server = resolveServerSettings({
    preset: s.preset ?? current.preset,
    host: s.host ?? (presetChanged ? undefined : current.host),
    port: s.port ?? (presetChanged ? undefined : current.port),
    security: s.security ?? (presetChanged ? undefined : current.security),
  });
  const username = s.username ?? current.username;
  if (server.host !== current.host) await assertAllowedHost(server.host);
  // Another account (or server): its UIDs mean nothing against the old cursors, even when its
  // UIDVALIDITY happens to be the same number. Start its folders afresh; the old locations are gone
  // (stored messages found again on the new account are recognised by content, never imported twice).
  const otherAccount =
    server.host.toLowerCase() !== current.host.toLowerCase() ||
    username.toLowerCase() !== current.username.toLowerCase();
  const connectionChanged =
    server.host !== current.host ||
    server.port !== current.port ||
    server.security !== current.security ||
    username !== current.username ||
    s.password !== undefined ||
    (s.verifyTls !== undefined && s.verifyTls !== current.verifyTls) ||
    (s.folders !== undefined && s.folders.join('\n') !== current.folders.join('\n')) ||
    (s.active === true && !current.active);
  try {
    const row = await db.transaction(async (tx) => {
      if (otherAccount) {
        await tx.delete(inboxFolderCursors).where(eq(inboxFolderCursors.mailboxId, current.id));
        await forgetAllLocations(tx, current);
      }
      // The same credential, its secret replaced: nothing else refers to a new id.
      if (s.password !== undefined) await saveAccountPassword(tx, current, s.password);
      const [updated] = await tx
        .update(inboxMailboxes)
        .set({
          ...(s.name !== undefined ? { name: s.name } : {}),
          ...(s.preset !== undefined ? { preset: s.preset } : {}),
          ...server,
          username,
          ...(s.verifyTls !== undefined ? { verifyTls: s.verifyTls } : {}),
          ...(s.folders !== undefined ? { folders: s.folders } : {}),
          ...(s.intervalMinutes !== undefined ? { intervalMinutes: s.intervalMinutes } : {}),
          ...(s.active !== undefined ? { active: s.active } : {}),
          ...(s.push !== undefined ? { push: s.push } : {}),
          ...(s.senderId !== undefined ? { senderId: await checkReplySender(tx, ctx, s.senderId) } : {}),
          ...(connectionChanged ? { nextSyncAt: new Date(), consecutiveFailures: 0 } : {}),
          updatedAt: new Date(),
        })
        .where(eq(inboxMailboxes.id, current.id))
        .returning();
      return updated!;
    });
    return toIntegrationView(row);
  } catch (error) {
    rethrowDuplicateAccount(error, server.host, username);
  }
}
