// Turns what imapflow, Node's sockets and TLS throw into one sentence a person can act on, keeping
// the server's own words where it gave some. Shown on the mailbox page, returned by the API and
// stored as the mailbox's last error; never contains the password.
import { ImapSettingsError } from './connect';

type ImapishError = Error & {
  code?: string;
  responseText?: string;
  response?: unknown;
  serverResponseCode?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  reason?: string;
  path?: string;
  /** Set by connectImap: false when the connection failed before any IMAP greeting. */
  imapGreeted?: boolean;
};

const TLS_CODES: Record<string, string> = {
  ERR_SSL_WRONG_VERSION_NUMBER:
    'the server did not answer with TLS (this port probably expects STARTTLS or no encryption: check the security setting)',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'the server presents a self-signed certificate (turn off certificate checking only if you trust this server)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain contains a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate cannot be verified (unknown issuer)',
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another host name",
};

export function describeImapError(error: unknown, where: { host: string; port: number }): string {
  const at = `${where.host}:${where.port}`;
  if (!(error instanceof Error)) return `Unexpected error talking to ${at}: ${String(error)}`;
  const e = error as ImapishError;
  if (e instanceof ImapSettingsError) return e.message;
  // No IMAP server greeted us: say only that, never whether the port was closed, silent or
  // answered in another protocol (that would make "test connection" a port scanner).
  if (e.imapGreeted === false) {
    return `Could not connect to ${at}: no IMAP server answered there. Check the host, the port, the security setting and (for a self-signed certificate) certificate checking.`;
  }
  const serverSaid = serverText(e);

  if (e.authenticationFailed) {
    return `The server refused the username or password${serverSaid ? ` ("${serverSaid}")` : ''}. Check them; Gmail, Outlook, Yahoo, iCloud, Fastmail and Zoho need an app password, not the account password.`;
  }
  if (e.mailboxMissing || e.code === 'NotFound') {
    return `The folder ${e.path ? `"${e.path}" ` : ''}does not exist on the server${serverSaid ? ` ("${serverSaid}")` : ''}.`;
  }
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Could not connect to ${at}: connection refused (is the server running, and are the host and port right?).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The server name "${where.host}" could not be found (DNS): check the host.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${at} cannot be reached from here (no route to the host).`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `The connection to ${at} was cut by the other side${e.tlsFailed ? ' during the TLS handshake' : ''}.`;
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
      return `No answer from ${at} in time (firewall, wrong host or port?).`;
    case 'GREETING_TIMEOUT':
      return `Connected to ${at}, but the server sent no IMAP greeting: port 993 expects implicit TLS, port 143 STARTTLS or none. Check the security setting.`;
    case 'ETIMEOUT':
      return `The server at ${at} stopped answering in the middle of the session.`;
    case 'NoConnection':
    case 'EConnectionClosed':
    case 'ClosedAfterConnectText':
    case 'ClosedAfterConnectTLS':
      return `The server at ${at} closed the connection${serverSaid ? ` ("${serverSaid}")` : ''}.`;
  }
  const tls = e.code ? TLS_CODES[e.code] : undefined;
  if (tls) return `Secure connection to ${at} failed: ${tls}.`;
  if (e.tlsFailed) return `Secure connection to ${at} failed: ${e.message}.`;
  if (e.code?.startsWith('ERR_SSL') || e.code?.startsWith('ERR_TLS')) {
    return `Secure connection to ${at} failed: ${e.reason ?? e.message}.`;
  }
  if (serverSaid) return `The server answered: "${serverSaid}".`;
  return `IMAP error with ${at}: ${e.message}${e.code ? ` (${e.code})` : ''}.`;
}

function serverText(e: ImapishError): string | undefined {
  const text = e.responseText ?? (typeof e.response === 'string' ? e.response : undefined);
  // Drop Dovecot's timing suffix "(0.001 + 0.000 secs)." and any tag, keep the words.
  return text
    ?.replace(/^\S+\s+(NO|BAD)\s+/i, '')
    .replace(/\s*\(\d+\.\d+ \+ \d+\.\d+(?: \+ \d+\.\d+)? secs\)\.?$/, '')
    .trim()
    .slice(0, 300);
}
