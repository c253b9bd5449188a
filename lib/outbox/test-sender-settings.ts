// "Test connection" inside the add/edit form: signs in to the server with the settings as typed,
// before anything is saved, and says what the server answered. Nothing is stored, the typed
// password included; an edited account whose password box was left empty is tried with its stored
// password. The answer never carries the password (lib/mail/transports/smtp.ts echoes only the
// server's lines).
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { badRequest, parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import { type AccountAuth, resolveAccountAuth } from '../credentials/resolve-account-auth';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { byIdInOrg, firstOr404 } from '../db/scoped';
import { findSmtpPreset } from '../mail/smtp-presets';
import { createSmtpTransport } from '../mail/transports/smtp';
import type { VerifyResult } from '../mail/transports/transport';
import { hostRefusal } from '../net/assert-allowed-host';
import { DEFAULT_PORTS } from './create-sender';
import { createSenderInput } from './sender.schema';

const testSenderInput = createSenderInput.pick({
  preset: true,
  host: true,
  port: true,
  security: true,
  username: true,
  password: true,
  allowInvalidCertificate: true,
});
export type TestSenderInput = { id?: string } & z.input<typeof testSenderInput>;

export async function testSenderSettings(
  db: DbOrTx,
  ctx: OrgContext,
  input: TestSenderInput,
): Promise<VerifyResult> {
  requireRole(ctx, 'admin');
  const s = parseOr400(testSenderInput, input);
  const preset = findSmtpPreset(s.preset);
  const host = s.host ?? preset?.host;
  if (!host)
    throw badRequest('Invalid request body: host is required', [
      { path: 'host', message: 'is required (or choose a preset)' },
    ]);
  const security = s.security ?? preset?.security ?? 'starttls';
  const port = s.port ?? preset?.port ?? DEFAULT_PORTS[security];
  const auth = await signIn(db, ctx, input.id, s.username, s.password);
  const refusal = await hostRefusal(host);
  if (refusal) return { ok: false, message: refusal };
  const transport = createSmtpTransport(
    { host, port, security, maxConnections: 1, allowInvalidCertificate: s.allowInvalidCertificate ?? false },
    auth,
  );
  try {
    return await transport.verify();
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    transport.close();
  }
}

/** The typed password; else, for an account being edited, the one it has stored. */
async function signIn(
  db: DbOrTx,
  ctx: OrgContext,
  id: string | undefined,
  username: string | undefined,
  password: string | undefined,
): Promise<AccountAuth | null> {
  if (!username) return null;
  if (password !== undefined && password !== '') return { user: username, pass: password };
  if (!id) return { user: username, pass: '' };
  const [row] = await db
    .select({ orgId: senderAccounts.orgId, credentialId: senderAccounts.credentialId })
    .from(senderAccounts)
    .where(
      and(
        byIdInOrg(senderAccounts, id, ctx),
        eq(senderAccounts.kind, 'smtp'),
        isNull(senderAccounts.deletedAt),
      ),
    );
  const account = firstOr404(row ? [row] : [], 'Sender account');
  return resolveAccountAuth(db, { ...account, username });
}
