// The one way a route reads its request body: chunk by chunk, counting, whatever the transfer
// encoding. A declared Content-Length over the limit is refused before a byte is read; a chunked
// body is refused as soon as it passes the limit. Either way reading stops there — the stream is
// left unread (not cancelled: cancelling destroys the socket before the 413 can be written) and
// the 413 answer closes the connection, so the rest of the upload is never taken off the wire.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { payloadTooLarge } from './errors';

const MB = 1024 * 1024;

/**
 * POST /messages: 25 MB of attachments (the per-message limit) take 33.4 MB in base64, with room
 * for the text and HTML beside them.
 */
export const MESSAGE_BODY_LIMIT = 40 * MB;
/** Every other JSON body. */
export const JSON_BODY_LIMIT = 1 * MB;

function tooLarge(limit: number) {
  return payloadTooLarge(`The request body is larger than ${formatBytes(limit)}.`);
}

function formatBytes(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The body's chunks, stopping (with a 413) past `limit` bytes. */
async function* boundedChunks(req: Request, limit: number): AsyncGenerator<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return;
  const reader = req.body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > limit) throw tooLarge(limit);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The whole body in memory, for JSON and other small bodies. */
export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of boundedChunks(req, limit)) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The body streamed to `path` (uploads): memory holds one chunk at a time. Returns its size. */
export async function readBodyToFile(req: Request, limit: number, path: string): Promise<number> {
  const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let total = 0;
  try {
    for await (const chunk of boundedChunks(req, limit)) {
      total += chunk.byteLength;
      if (!file.write(chunk)) await once(file, 'drain');
    }
    file.end();
    await once(file, 'finish');
    return total;
  } catch (error) {
    file.destroy();
    throw error;
  }
}
