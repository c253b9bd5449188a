// What identifies a message's content, for recognising the same message again at another location
// (another folder, or after a UIDVALIDITY change): the server's object id when it offers one
// (OBJECTID EMAILID, Gmail's X-GM-MSGID), else the sha-256 of its bytes. Never the Message-ID alone:
// a message and its mailing-list copy, or software that reuses ids, give different messages one id.
// Within a folder a message's identity is its location (folder, UIDVALIDITY, UID), not this key.
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

/** sha-256 (hex) of the message exactly as the server sent it. */
export function contentDigestOf(source: Buffer): string {
  return crypto.createHash('sha256').update(source).digest('hex');
}

/**
 * `oid:<object id>` when the server gives one, else `hash:<digest>`. A message that was not
 * downloaded (too large) has no digest: its header bytes and size stand in for it.
 */
export function externalIdOf(input: {
  emailId?: string | null;
  contentDigest: string | null;
  headerBlock: Buffer;
  size: number;
}): string {
  if (input.emailId) {
    // Server object ids are short; a server sending a huge one gets it hashed (it is an index key).
    return input.emailId.length <= 200
      ? `oid:${input.emailId}`
      : `oid:sha256:${crypto.createHash('sha256').update(input.emailId).digest('hex')}`;
  }
  if (input.contentDigest) return `hash:${input.contentDigest}`;
  const hash = crypto.createHash('sha256').update(input.headerBlock).update(`|${input.size}`);
  return `head:${hash.digest('hex')}`;
}

/** `<id@host>` from a raw Message-ID value; null when there is nothing usable. */
export function normalizeMessageId(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const bracketed = raw.match(/<[^<>\s]+>/)?.[0];
  const id = bracketed ?? raw.trim().split(/\s+/)[0] ?? '';
  if (id.length < 3 || id.length > 500 || id === '<>') return null;
  return bracketed ? id : `<${id}>`;
}
