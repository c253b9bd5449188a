// What Mailroom says about a server (a connection test, a failed attempt, a mailbox error) is
// written by lib/ in English — it is stored on the row and returned by the REST API as is. Pages
// read it back into the viewer's language here: the sentence is recognised, its parts (host, the
// server's own answer) kept verbatim, the words around them translated. A sentence not recognised
// is shown as stored. The English catalogue repeats lib's sentences exactly (see the test).
import type { Messages } from './catalogues';

type Key = keyof Messages['serverMessages'];
export type ServerMessageT = (key: Key, values?: Record<string, string>) => string;

type Rule = { pattern: RegExp; render: (m: RegExpExecArray, t: ServerMessageT) => string };

const simple = (pattern: RegExp, key: Key, names: string[]): Rule => ({
  pattern,
  render: (m, t) => t(key, Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? '']))),
});

/** ` ("Authentication failed.")` → the quoted server words, in the language's quotes. */
const quoted = (text: string | undefined, t: ServerMessageT) => (text ? t('imapQuoted', { text }) : '');

const rules: Rule[] = [
  {
    pattern:
      /^Connected to (\S+) (over TLS|and upgraded to TLS \(STARTTLS\)|without encryption) (?:and signed in as (.+?)|(without signing in \(no username set\)))\.(?: The server said: ([\s\S]*))?$/,
    render: (m, t) =>
      t('verifyOk', {
        where: m[1]!,
        security: t(m[2] === 'over TLS' ? 'overTls' : m[2] === 'without encryption' ? 'plain' : 'starttls'),
        signIn: m[4] ? t('noSignIn') : t('signedIn', { user: m[3]! }),
        said: m[5] ? t('said', { said: m[5] }) : '',
      }),
  },
  {
    pattern: /^Could not use (\S+|the server)\. ([\s\S]*)$/,
    render: (m, t) => t('couldNotUse', { where: m[1]!, reason: explainServerMessage(t, m[2]!) }),
  },
  simple(/^The server refused the recipient: ([\s\S]*)$/, 'refusedRecipient', ['r']),
  simple(/^The server refused every recipient: ([\s\S]*)$/, 'refusedEveryRecipient', ['r']),
  simple(/^The server refused the sign-in: ([\s\S]*)$/, 'refusedSignIn', ['r']),
  simple(/^The server did not answer in time \(([^)]*)\): ([\s\S]*)$/, 'timeout', ['kind', 'r']),
  simple(/^Could not connect to the server \(connection refused\): ([\s\S]*)$/, 'connectionRefused', ['r']),
  simple(/^Could not connect to the server: ([\s\S]*)$/, 'couldNotConnect', ['r']),
  simple(/^The connection to the server was lost: ([\s\S]*)$/, 'connectionLost', ['r']),
  simple(/^The server's name could not be resolved: ([\s\S]*)$/, 'dns', ['r']),
  simple(/^The secure \(TLS\) connection failed: ([\s\S]*)$/, 'tls', ['r']),
  simple(/^Sign-in failed: ([\s\S]*)$/, 'signInFailed', ['r']),
  simple(
    /^The server requires a username and password, and the account has none: ([\s\S]*)$/,
    'needsCredentials',
    ['r'],
  ),
  simple(/^The message has no valid sender or recipient: ([\s\S]*)$/, 'noValidAddress', ['r']),
  simple(/^Sending failed: ([\s\S]*)$/, 'sendingFailed', ['r']),
  simple(/^The account's daily sending quota is reached: ([\s\S]*)$/, 'dailyQuota', ['r']),
  simple(/^The server asked to try again later: ([\s\S]*)$/, 'tryLater', ['r']),
  simple(
    /^The server was not ready for the command \(503\), will retry on a new connection: ([\s\S]*)$/,
    'notReady',
    ['r'],
  ),
  simple(/^The server is rate limiting: ([\s\S]*)$/, 'rateLimited', ['r']),
  simple(/^The server refused the message: ([\s\S]*)$/, 'refusedMessage', ['r']),
  simple(/^Unexpected answer from the server: ([\s\S]*)$/, 'unexpected', ['r']),
  simple(/^Cancelled before it was sent\.$/, 'cancelledBeforeSent', []),
  simple(/^Not sent before it expired at (.+) UTC$/, 'expiredAt', ['when']),
  {
    pattern:
      /^The server refused the username or password(?: \("([\s\S]*)"\))?\. Check them; Gmail, Outlook, Yahoo, iCloud, Fastmail and Zoho need an app password, not the account password\.$/,
    render: (m, t) => t('imapAuth', { said: quoted(m[1], t) }),
  },
  {
    pattern: /^The folder (?:"(.*)" )?does not exist on the server(?: \("([\s\S]*)"\))?\.$/,
    render: (m, t) => t('imapNoFolder', { path: m[1] ? `"${m[1]}" ` : '', said: quoted(m[2], t) }),
  },
  simple(
    /^Could not connect to (\S+): connection refused \(is the server running, and are the host and port right\?\)\.$/,
    'imapRefused',
    ['at'],
  ),
  simple(/^The server name "(.*)" could not be found \(DNS\): check the host\.$/, 'imapDns', ['host']),
  simple(/^(\S+) cannot be reached from here \(no route to the host\)\.$/, 'imapUnreachable', ['at']),
  {
    pattern: /^The connection to (\S+) was cut by the other side( during the TLS handshake)?\.$/,
    render: (m, t) => t('imapCut', { at: m[1]!, handshake: m[2] ? t('imapHandshake') : '' }),
  },
  simple(/^No answer from (\S+) in time \(firewall, wrong host or port\?\)\.$/, 'imapTimeout', ['at']),
  simple(
    /^Connected to (\S+), but the server sent no IMAP greeting: port 993 expects implicit TLS, port 143 STARTTLS or none\. Check the security setting\.$/,
    'imapNoGreeting',
    ['at'],
  ),
  simple(/^The server at (\S+) stopped answering in the middle of the session\.$/, 'imapStopped', ['at']),
  {
    pattern: /^The server at (\S+) closed the connection(?: \("([\s\S]*)"\))?\.$/,
    render: (m, t) => t('imapClosed', { at: m[1]!, said: quoted(m[2], t) }),
  },
  simple(/^Secure connection to (\S+) failed: ([\s\S]*)\.$/, 'imapTls', ['at', 'r']),
  simple(/^The server answered: "([\s\S]*)"\.$/, 'imapAnswered', ['text']),
  simple(/^IMAP error with (\S+): ([\s\S]*)\.$/, 'imapOther', ['at', 'r']),
  simple(
    /^Mailroom could not store this folder’s messages \(internal error; the worker log has the details\)\.$/,
    'internal',
    [],
  ),
];

export function explainServerMessage(t: ServerMessageT, message: string | null | undefined): string {
  if (!message) return '';
  for (const rule of rules) {
    const m = rule.pattern.exec(message);
    if (m) return rule.render(m, t);
  }
  return message;
}
