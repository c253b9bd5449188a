// Who may read the system preview mailbox (/mailbox): the sign-in links and invitations Mailroom
// "sent" without SMTP. Whoever reads it can sign in as anyone, so it is for local development
// only: preview mail on, not production (unless MAILROOM_PREVIEW_MAIL=true says the operator
// accepts it), and a request straight from this machine — decided from the socket, not headers.
import { type Env, env } from '../env';
import { isLoopbackAddress, peerOf } from '../net/client-address';

export function systemMailboxEnabled(e: Env = env()): boolean {
  return e.previewMail && (e.NODE_ENV !== 'production' || e.MAILROOM_PREVIEW_MAIL);
}

export function canReadSystemMailbox(headers: Headers, e: Env = env()): boolean {
  if (!systemMailboxEnabled(e)) return false;
  const peer = peerOf(headers);
  if (!peer || peer.relayed || !isLoopbackAddress(peer.address)) return false;
  // A loopback socket can still carry a page of another site whose name resolves to 127.0.0.1
  // (DNS rebinding): only our own names are served.
  return isOwnHostName(headers.get('host'), e.APP_URL);
}

function isOwnHostName(host: string | null, appUrl: string): boolean {
  if (!host) return false;
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return (
    name === 'localhost' ||
    name === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    name === new URL(appUrl).hostname
  );
}
