// Reading the preview mailbox: the list, and one message parsed back from its stored bytes.
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { notFound } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { previewMessages } from '../db/schema/preview';
import { inOrg, isUuid } from '../db/scoped';

/** Whose mail: an org's (its preview senders) or the system's (org_id null). */
export type PreviewScope = { kind: 'org'; ctx: OrgContext } | { kind: 'system' };

function scopeFilter(scope: PreviewScope): SQL {
  return scope.kind === 'org' ? inOrg(previewMessages, scope.ctx) : isNull(previewMessages.orgId);
}

export async function listPreviewMessages(db: DbOrTx, scope: PreviewScope, limit = 100) {
  return db
    .select({
      id: previewMessages.id,
      from: previewMessages.from,
      to: previewMessages.to,
      subject: previewMessages.subject,
      createdAt: previewMessages.createdAt,
    })
    .from(previewMessages)
    .where(scopeFilter(scope))
    .orderBy(desc(previewMessages.createdAt))
    .limit(limit);
}

export async function readPreviewMessage(db: DbOrTx, scope: PreviewScope, id: string) {
  if (!isUuid(id)) throw notFound('Message');
  const [row] = await db
    .select()
    .from(previewMessages)
    .where(and(eq(previewMessages.id, id), scopeFilter(scope)));
  if (!row) throw notFound('Message');
  const parsed = await simpleParser(row.raw);
  return {
    id: row.id,
    createdAt: row.createdAt,
    subject: parsed.subject ?? '',
    from: parsed.from?.text ?? row.from,
    to: row.to,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers: [...parsed.headerLines].map((h) => h.line),
    attachments: parsed.attachments.map((a, index) => ({
      index,
      filename: a.filename ?? `attachment-${index + 1}`,
      contentType: a.contentType,
      size: a.size,
    })),
    raw: row.raw,
  };
}
