// "Test connection": log in with the given (or stored) settings and list the server's folders, or
// say in plain words why that failed. Nothing is stored.
import { parseOr400 } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { connectImap, disconnectImap, type ImapSettings, resolveImapSettings } from './connect';
import { describeImapError } from './describe-imap-error';
import {
  type TestConnectionInput,
  type TestConnectionResult,
  testConnectionInput,
} from './integrations.schema';
import { getIntegrationRow } from './list-integrations';
import { resolveServerSettings } from './resolve-server-settings';

export async function testConnection(input: TestConnectionInput): Promise<TestConnectionResult> {
  const s = parseOr400(testConnectionInput, input, 'request body');
  const server = resolveServerSettings(s);
  return tryConnection({ ...server, verifyTls: s.verifyTls, auth: { user: s.username, pass: s.password } });
}

/** The same with a mailbox's stored settings. */
export async function testIntegrationConnection(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
): Promise<TestConnectionResult> {
  return tryConnection(await resolveImapSettings(db, await getIntegrationRow(db, ctx, id)));
}

async function tryConnection(settings: ImapSettings): Promise<TestConnectionResult> {
  let client: Awaited<ReturnType<typeof connectImap>> | undefined;
  try {
    client = await connectImap(settings, { connectTimeoutMs: 10_000, socketTimeoutMs: 30_000 });
    const list = await client.list({ statusQuery: { messages: true } });
    const folders = list
      .filter((f) => !f.flags.has('\\Noselect') && !f.flags.has('\\NonExistent'))
      .map((f) => ({
        path: f.path,
        name: f.name,
        specialUse: f.specialUse ?? null,
        messages: f.status?.messages ?? null,
      }))
      .sort((a, b) => (a.path === 'INBOX' ? -1 : b.path === 'INBOX' ? 1 : a.path.localeCompare(b.path)));
    return { ok: true, folders, error: null };
  } catch (error) {
    return { ok: false, folders: [], error: describeImapError(error, settings) };
  } finally {
    if (client) await disconnectImap(client);
  }
}
