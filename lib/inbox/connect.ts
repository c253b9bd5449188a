// Opens an authenticated IMAP connection for a mailbox's settings. Every connection Mailroom makes
// (sync, test connection, flag write-back) goes through here, so timeouts, TLS and the plaintext
// rule are the same everywhere.
import { ImapFlow } from 'imapflow';
import { type AccountAuth, resolveAccountAuth } from '../credentials/resolve-account-auth';
import type { DbOrTx } from '../db/client';
import type { InboxMailbox, InboxSecurity } from '../db/schema/inbox';
import { env } from '../env';
import { hostRefusal } from '../net/assert-allowed-host';
import '../oauth/register-oauth-refreshers';

/** `auth`: a password (`{ user, pass }`) or an OAuth access token (`{ user, accessToken }`, XOAUTH2). */
export type ImapSettings = {
  host: string;
  port: number;
  security: InboxSecurity;
  verifyTls: boolean;
  auth: AccountAuth;
};

/** A mailbox's settings with its sign-in read now, from its credential: call it for each connection. */
export async function resolveImapSettings(db: DbOrTx, mailbox: InboxMailbox): Promise<ImapSettings> {
  const auth = await resolveAccountAuth(db, mailbox, { use: 'receive' });
  if (!auth) throw new ImapSettingsError('The mailbox has no username to sign in with.');
  return {
    host: mailbox.host,
    port: mailbox.port,
    security: mailbox.security,
    verifyTls: mailbox.verifyTls,
    auth,
  };
}

/** A setting Mailroom refuses before any network traffic (the message is meant for users). */
export class ImapSettingsError extends Error {
  override name = 'ImapSettingsError';
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

/** Plain IMAP sends the password in clear: only to this machine, unless INBOX_ALLOW_PLAINTEXT is set. */
export function plaintextRefusal(host: string, security: InboxSecurity): string | null {
  if (security !== 'none' || isLoopbackHost(host) || env().INBOX_ALLOW_PLAINTEXT) return null;
  return 'Unencrypted IMAP is only allowed to a server on this machine (set INBOX_ALLOW_PLAINTEXT=true to allow it elsewhere); use TLS or STARTTLS.';
}

export type ConnectOptions = {
  /** How long connecting (DNS, TCP, TLS) may take. */
  connectTimeoutMs?: number;
  /** How long the connection may sit without an answer once it is open. */
  socketTimeoutMs?: number;
  /** IDLE connections: IDLE is ended and restarted this often. */
  maxIdleTimeMs?: number;
};

export async function connectImap(settings: ImapSettings, options: ConnectOptions = {}): Promise<ImapFlow> {
  const refusal = plaintextRefusal(settings.host, settings.security) ?? (await hostRefusal(settings.host));
  if (refusal) throw new ImapSettingsError(refusal);
  const maxMessageBytes = env().INBOX_MAX_MESSAGE_MB * 1024 * 1024;
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    // STARTTLS is required when chosen (never a silent downgrade); `none` never upgrades.
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    tls: { rejectUnauthorized: settings.verifyTls },
    auth:
      'accessToken' in settings.auth
        ? { user: settings.auth.user, accessToken: settings.auth.accessToken }
        : { user: settings.auth.user, pass: settings.auth.pass },
    clientInfo: { name: 'Mailroom' },
    logger: false,
    disableAutoIdle: true,
    // Where the server offers it, expunges come as VANISHED UIDs and a SELECT can ask for those
    // since the last run (sync-folder.ts); without it, plain EXPUNGE and the UID comparison.
    qresync: true,
    connectionTimeout: options.connectTimeoutMs ?? 15_000,
    greetingTimeout: 10_000,
    socketTimeout: options.socketTimeoutMs ?? 120_000,
    // Sizes are checked before downloading; this bounds what a lying server can make us buffer.
    maxLiteralSize: maxMessageBytes + 1024 * 1024,
    maxLockHoldTime: false,
    ...(options.maxIdleTimeMs ? { maxIdleTime: options.maxIdleTimeMs } : {}),
  });
  // imapflow also emits connection errors as events: without a listener they would crash the
  // process. They reach us as rejected commands anyway.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    // A refused login leaves the socket open: close it, or it keeps the process alive.
    client.close();
    // Whether an IMAP server greeted us decides how much describeImapError may tell.
    if (error instanceof Error)
      Object.assign(error, {
        imapGreeted: (client as { greetingReceived?: boolean }).greetingReceived === true,
      });
    throw error;
  }
  return client;
}

/** Logs out politely, or drops the connection when the server does not answer. Never throws. */
export async function disconnectImap(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) {
      await Promise.race([client.logout(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    }
  } catch {
    // already gone
  } finally {
    client.close();
  }
}
