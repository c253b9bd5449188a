// The identity of a message within a mailbox, the key that makes every sync idempotent:
// the server's object id when it offers one (OBJECTID EMAILID, Gmail's X-GM-MSGID), else the
// Message-ID, else a hash of headers that stay the same wherever the message is copied.
// It is computed from the raw header block only, so it is the same whether the message was
// fetched whole or just its headers (a UIDVALIDITY rescan), and even if the body cannot be parsed.
import crypto from 'node:crypto';

/** The bytes before the first empty line (the whole input when there is none). */
export function headerBlockOf(source: Buffer): Buffer {
  const crlf = source.indexOf('\r\n\r\n');
  const lf = source.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? source.subarray(0, Math.min(...ends)) : source;
}

/** Unfolded raw values of the named header (lower-case name), in order. Never throws. */
export function rawHeaderValues(headerBlock: Buffer, name: string): string[] {
  const text = headerBlock.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const values: string[] = [];
  const prefix = `${name}:`;
  for (const line of text.split(/\r?\n/)) {
    if (line.length > prefix.length - 1 && line.slice(0, prefix.length).toLowerCase() === prefix) {
      values.push(line.slice(prefix.length).trim());
    }
  }
  return values;
}

const STABLE_HEADERS = ['date', 'from', 'to', 'cc', 'subject', 'received'];

export function externalIdOf(input: { emailId?: string | null; headerBlock: Buffer; size: number }): string {
  if (input.emailId) {
    // Server object ids are short; a server sending a huge one gets it hashed (it is an index key).
    return input.emailId.length <= 200
      ? `oid:${input.emailId}`
      : `oid:sha256:${crypto.createHash('sha256').update(input.emailId).digest('hex')}`;
  }
  const messageId = normalizeMessageId(rawHeaderValues(input.headerBlock, 'message-id')[0]);
  if (messageId) return `mid:${messageId}`;
  const hash = crypto.createHash('sha256');
  let found = false;
  for (const name of STABLE_HEADERS) {
    for (const value of rawHeaderValues(input.headerBlock, name)) {
      hash.update(`${name}:${value.replace(/\s+/g, ' ')}\n`);
      found = true;
    }
  }
  // A message without any of those headers: its header bytes and size are all there is.
  if (!found) hash.update(input.headerBlock).update(`|${input.size}`);
  return `hash:${hash.digest('hex')}`;
}

/** `<id@host>` from a raw Message-ID value; null when there is nothing usable. */
export function normalizeMessageId(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const bracketed = raw.match(/<[^<>\s]+>/)?.[0];
  const id = bracketed ?? raw.trim().split(/\s+/)[0] ?? '';
  if (id.length < 3 || id.length > 500 || id === '<>') return null;
  return bracketed ? id : `<${id}>`;
}
