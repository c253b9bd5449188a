// SMTP through nodemailer: one pooled transport per sender account per process (the outbox), or
// one from a URL (SMTP_URL, Mailroom's own sign-in and invitation mail). The only place that
// configures nodemailer for sending.
import { format } from 'node:util';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { AccountAuth } from '../../credentials/resolve-account-auth';
import type { SmtpSecurity } from '../../db/schema/outbox';
import { hostRefusal } from '../../net/assert-allowed-host';
import { classifySendError } from '../classify-send-error';
import { CoalesceChunks } from './coalesce-chunks';
import { toNodemailer } from './nodemailer-options';
import { type SendResult, type Transport, TransportError, type VerifyResult } from './transport';

/** Where and how to connect; the sign-in is given apart (setAuth), read from the account's credential. */
export type SmtpSettings = {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** Connections kept open to the server (nodemailer's pool). */
  maxConnections?: number;
  /** For servers with a self-signed certificate (a company relay, the test sink). */
  allowInvalidCertificate?: boolean;
};

/** An SMTP transport whose sign-in can change without dropping its pool: see setAuth. */
export type SmtpTransport = Transport & {
  /** The sign-in for connections opened from now on; open ones stay signed in as they are. */
  setAuth(auth: AccountAuth | null): void;
};

// Generous enough for slow providers, short enough that a dead server fails an attempt in time
// for the lease to still hold (lib/outbox/send-due-messages.ts renews it meanwhile).
const TIMEOUTS = {
  connectionTimeout: 20_000,
  greetingTimeout: 20_000,
  socketTimeout: 60_000,
  dnsTimeout: 15_000,
};

/** A password signs in with PLAIN/LOGIN; an access token with XOAUTH2 (nodemailer's OAuth2 type). */
function nodemailerAuth(auth: AccountAuth | null | undefined) {
  if (!auth) return undefined;
  if ('accessToken' in auth) {
    return {
      type: 'OAuth2' as const,
      user: auth.user,
      accessToken: auth.accessToken,
      ...(auth.expiresAt ? { expires: auth.expiresAt.getTime() } : {}),
    };
  }
  return { user: auth.user, pass: auth.pass };
}

function transportOptions(settings: SmtpSettings, auth: AccountAuth | null | undefined) {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: nodemailerAuth(auth),
    tls: settings.allowInvalidCertificate ? { rejectUnauthorized: false } : undefined,
    // Mail content is data, never a path or URL to fetch.
    disableFileAccess: true,
    disableUrlAccess: true,
    ...TIMEOUTS,
  };
}

const sameAuth = (a: AccountAuth | null, b: AccountAuth | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.user === b.user &&
    ('pass' in a ? 'pass' in b && a.pass === b.pass : 'accessToken' in b && a.accessToken === b.accessToken));

/** A pooled transport for one account (or one URL), shared by every send of this process. */
export function createSmtpTransport(
  settings: SmtpSettings | string,
  auth: AccountAuth | null = null,
): SmtpTransport {
  let current = auth;
  const transporter =
    typeof settings === 'string'
      ? nodemailer.createTransport(settings)
      : nodemailer.createTransport({
          ...transportOptions(settings, current),
          pool: true,
          maxConnections: settings.maxConnections ?? 5,
          maxMessages: 1000,
        });
  // The MIME reaches the socket in pieces of up to 64 KB instead of one write per line.
  transporter.use('stream', (mail, done) => {
    mail.message.transform(() => new CoalesceChunks());
    done();
  });
  // MAILROOM_ALLOW_PRIVATE_HOSTS=false: an account's host is checked once per transport (it is
  // rebuilt when the account is edited); Mailroom's own SMTP_URL is the operator's and trusted.
  let refusal: Promise<string | null> | undefined;
  return {
    send: async (mail) => {
      if (typeof settings !== 'string') {
        refusal ??= hostRefusal(settings.host);
        const refused = await refusal;
        if (refused) throw new TransportError(refused, 'permanent');
      }
      return toSendResult(await transporter.sendMail(toNodemailer(mail)));
    },
    verify: () => verifySmtp(settings, current),
    close: () => transporter.close(),
    setAuth: (next) => {
      if (typeof settings === 'string' || sameAuth(current, next)) return;
      current = next;
      // nodemailer's pool signs each new connection in with its `options.auth` (a public field of
      // SMTPPool): replacing it reaches the next connection, without closing the ones that work.
      (transporter.transporter as unknown as { options: { auth?: unknown } }).options.auth =
        nodemailerAuth(next);
    },
  };
}

type Info = {
  response?: string;
  accepted?: (string | Mail.Address)[];
  rejected?: (string | Mail.Address)[];
  rejectedErrors?: { recipient?: string; response?: string; message?: string }[];
};

function toSendResult(info: Info): SendResult {
  const response = info.response ?? '';
  const rejectedErrors = info.rejectedErrors ?? [];
  return {
    providerMessageId: providerMessageId(response),
    response,
    accepted: (info.accepted ?? []).map(addressOf),
    rejected: (info.rejected ?? []).map((r, i) => ({
      address: addressOf(r),
      response: rejectedErrors[i]?.response ?? rejectedErrors[i]?.message ?? '',
    })),
  };
}

function addressOf(a: string | Mail.Address): string {
  return typeof a === 'string' ? a : (a.address ?? '');
}

/** The provider's id from the reply to DATA: "250 2.0.0 Ok: queued as 4Xyz", "250 OK id=1abc-…". */
export function providerMessageId(response: string): string | null {
  const m =
    /queued as\s+<?([^\s>;]+)/i.exec(response) ??
    /\bid[=:]\s*<?([^\s>;]+)/i.exec(response) ??
    /\b(\S*\d\S*)\s+-\s+gsmtp/i.exec(response);
  return m?.[1]?.replace(/[.,]$/, '') ?? null;
}

/**
 * Connects, upgrades to TLS when asked, signs in, and quits, keeping what the server answered so the
 * user reads the server's own words ("535 5.7.8 Username and Password not accepted").
 */
async function verifySmtp(
  settings: SmtpSettings | string,
  signIn: AccountAuth | null,
): Promise<VerifyResult> {
  const serverLines: string[] = [];
  const logger = {
    debug: (entry: { tnx?: string }, message: string, ...args: unknown[]) => {
      if (entry?.tnx === 'server') serverLines.push(format(message, ...args));
    },
    info: () => {},
    warn: () => {},
    error: () => {},
    trace: () => {},
    fatal: () => {},
  };
  const base = typeof settings === 'string' ? settings : transportOptions(settings, signIn);
  const transporter = nodemailer.createTransport(
    typeof base === 'string' ? base : { ...base, logger, transactionLog: true },
  );
  const where = typeof settings === 'string' ? 'the server' : `${settings.host}:${settings.port}`;
  try {
    await transporter.verify();
    const greeting = serverLines.find((l) => l.startsWith('220'));
    const auth = serverLines.find((l) => l.startsWith('235'));
    const parts = [`Connected to ${where}`];
    if (typeof settings !== 'string') {
      parts.push(
        settings.security === 'tls'
          ? 'over TLS'
          : settings.security === 'starttls'
            ? 'and upgraded to TLS (STARTTLS)'
            : 'without encryption',
      );
      parts.push(signIn ? `and signed in as ${signIn.user}` : 'without signing in (no username set)');
    }
    const said = [greeting, auth].filter(Boolean).join(' / ');
    return { ok: true, message: `${parts.join(' ')}.${said ? ` The server said: ${said}` : ''}` };
  } catch (error) {
    // Until an SMTP server has greeted us, say only that none answered: telling "refused" from
    // "timed out", or echoing what else listens on that port, would make this a port scanner.
    if (typeof settings !== 'string' && !serverLines.some((l) => /^220[ -]/.test(l))) {
      return {
        ok: false,
        message: `Could not connect to ${where}: no SMTP server answered there. Check the host, the port, the security setting and (for a self-signed certificate) certificate checking.`,
      };
    }
    const classified = classifySendError(error);
    return { ok: false, message: `Could not use ${where}. ${classified.message}` };
  } finally {
    transporter.close();
  }
}
