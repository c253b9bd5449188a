// The one factory that turns a sender account into a transport: the worker's pool
// (worker-sender-transports.ts) and "test connection" (lib/outbox/verify-sender.ts) both build
// theirs here. Connection settings come from the account row; the sign-in from its credential,
// read through an AuthSource at each use, so a changed password or a renewed token reaches the
// next connection without a new transport.
import crypto from 'node:crypto';
import { type AuthSource, accountAuthSource } from '../../credentials/account-auth-source';
import { resolveAccountAuth } from '../../credentials/resolve-account-auth';
import { getDb } from '../../db/client';
import type { SenderAccount } from '../../db/schema/outbox';
import '../../oauth/register-oauth-refreshers';
import { env } from '../../env';
import { createGmailTransport } from './gmail';
import { createGraphTransport } from './graph';
import { createPreviewTransport } from './preview';
import { createSmtpTransport, type SmtpSettings } from './smtp';
import { createThreadedSmtpTransport } from './smtp-threads';
import type { Transport } from './transport';

export type AccountTransportOptions = {
  /** Sending threads to send on (the worker's pool); 0 or absent sends on this thread. */
  threads?: number;
  /** Where the sign-in is read; by default the account's credential, once per send. */
  auth?: AuthSource;
};

/**
 * The account's transport settings version: it changes when anything a connection is made from
 * changes (server, security, username, which credential, pool size) and not otherwise: renaming an
 * account, changing its limits or the secret inside its credential keep the pooled connections.
 * Starts with the account id (the sending threads drop an account's older pools by that prefix).
 */
export function transportKey(sender: SenderAccount): string {
  const settings = JSON.stringify([
    sender.kind,
    sender.host,
    sender.port,
    sender.security,
    sender.username,
    sender.credentialId,
    sender.maxConnections,
    sender.allowInvalidCertificate,
  ]);
  return `${sender.id}:${crypto.createHash('sha256').update(settings).digest('base64url').slice(0, 16)}`;
}

/** A transport for the account. Close it when done (the worker's pool closes its own). */
export function buildAccountTransport(
  sender: SenderAccount,
  options: AccountTransportOptions = {},
): Transport {
  switch (sender.kind) {
    case 'preview':
      return createPreviewTransport(getDb, sender.orgId);
    case 'gmail': {
      const auth = options.auth ?? onePerSend(accountAuthSource(getDb, sender, 'send'));
      return createGmailTransport(auth, () =>
        resolveAccountAuth(getDb(), sender, { renew: true, use: 'send' }),
      );
    }
    // Microsoft 365 through Graph by default; with MICROSOFT_SEND_VIA=smtp over SMTP with XOAUTH2
    // (the same pooled transport, signed in with the access token).
    case 'microsoft':
    case 'smtp': {
      const auth = options.auth ?? onePerSend(accountAuthSource(getDb, sender, 'send'));
      const renew = () => resolveAccountAuth(getDb(), sender, { renew: true, use: 'send' });
      if (sender.kind === 'microsoft' && env().MICROSOFT_SEND_VIA === 'graph')
        return createGraphTransport(auth, renew);
      const transport = smtpTransportOf(sender, auth, options.threads ?? 0);
      return sender.kind === 'microsoft' ? renewingRefusedToken(transport, auth, renew) : transport;
    }
    // SMS accounts send through lib/sms (the outbox's channel registry picks the transport).
    case 'twilio':
    case 'brevo':
      throw new Error(`sender account ${sender.id} is an SMS account, not an email one`);
  }
}

function smtpTransportOf(sender: SenderAccount, auth: AuthSource, threads: number): Transport {
  const settings = smtpSettingsOf(sender);
  if (threads > 0) return createThreadedSmtpTransport(settings, transportKey(sender), threads, auth);
  const smtp = createSmtpTransport(settings);
  return {
    send: async (mail) => {
      smtp.setAuth(await auth.get());
      return smtp.send(mail);
    },
    verify: async () => {
      smtp.setAuth(await auth.get());
      return smtp.verify();
    },
    close: () => smtp.close(),
  };
}

/**
 * An access token the SMTP server refuses at sign-in (535, though its expiry said it was good:
 * revoked sessions, a clock apart) is renewed once and the send tried again, within the same
 * attempt — as the Gmail transport does on a 401. A renewal the provider refuses becomes
 * needs-reconnect like any other.
 */
function renewingRefusedToken(
  transport: Transport,
  auth: AuthSource,
  renew: () => Promise<unknown>,
): Transport {
  return {
    ...transport,
    async send(mail) {
      try {
        return await transport.send(mail);
      } catch (error) {
        const e = error as { code?: string; responseCode?: number };
        if (e?.code !== 'EAUTH' || e.responseCode !== 535) throw error;
        await renew();
        auth.forget();
        return transport.send(mail);
      }
    },
  };
}

function smtpSettingsOf(sender: SenderAccount): SmtpSettings {
  if (!sender.host || !sender.port || !sender.security) {
    throw new Error(`sender account ${sender.id} has no SMTP server configured`);
  }
  return {
    host: sender.host,
    port: sender.port,
    security: sender.security,
    maxConnections: sender.maxConnections,
    allowInvalidCertificate: sender.allowInvalidCertificate,
  };
}

/** Without a caller marking its uses, every send reads the credential afresh. */
function onePerSend(source: AuthSource): AuthSource {
  return {
    get: () => {
      source.forget();
      return source.get();
    },
    forget: () => source.forget(),
  };
}
