// Save a message's subject and content as a template to start from next time (names unique per
// organisation: saving again under a name replaces it).

import { badRequest } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { type BroadcastTemplate, broadcastTemplates } from '../db/schema/broadcasts';

export async function createTemplate(
  db: DbOrTx,
  ctx: OrgContext,
  input: { name: string; subject: string; content: string },
): Promise<BroadcastTemplate> {
  const name = input.name.trim();
  if (!name || name.length > 100 || /[\r\n]/.test(name)) {
    throw badRequest('Invalid template name.', [
      { path: 'templateName', message: 'is 1 to 100 characters on one line' },
    ]);
  }
  const [row] = await db
    .insert(broadcastTemplates)
    .values({ orgId: ctx.orgId, name, subject: input.subject, content: input.content })
    .onConflictDoUpdate({
      target: [broadcastTemplates.orgId, broadcastTemplates.name],
      set: { subject: input.subject, content: input.content, updatedAt: new Date() },
    })
    .returning();
  return row!;
}
