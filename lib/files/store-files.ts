// Puts files into the organisation's content-addressed store and returns their ids, in input order:
// a content already stored (by this or an earlier call) is stored once and its row reused. Reuse
// touches last_used_at under the row's lock, so the retention sweep never deletes a file a
// transaction is about to refer to.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { storedFiles } from '../db/schema/files';

export function sha256Hex(content: Uint8Array): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

/** Rows per insert: bounded bytes in one statement whatever the count. */
const CHUNK = 100;

export async function storeFiles(tx: DbOrTx, ctx: OrgContext, contents: Uint8Array[]): Promise<string[]> {
  const hashes = contents.map(sha256Hex);
  const unique = new Map<string, Uint8Array>();
  hashes.forEach((h, i) => {
    if (!unique.has(h)) unique.set(h, contents[i]!);
  });
  const ids = new Map<string, string>();
  const entries = [...unique];
  for (let i = 0; i < entries.length; i += CHUNK) {
    const rows = await tx
      .insert(storedFiles)
      .values(
        entries.slice(i, i + CHUNK).map(([sha256, content]) => ({
          orgId: ctx.orgId,
          sha256,
          size: content.byteLength,
          content: Buffer.from(content.buffer, content.byteOffset, content.byteLength),
        })),
      )
      .onConflictDoUpdate({
        target: [storedFiles.orgId, storedFiles.sha256],
        set: { lastUsedAt: sql`now()` },
      })
      .returning({ id: storedFiles.id, sha256: storedFiles.sha256 });
    for (const r of rows) ids.set(r.sha256, r.id);
  }
  return hashes.map((h) => ids.get(h)!);
}
