// Changes an organisation's delivery settings (admins and owners).
import { z } from 'zod';
import { parseOr400 } from '../api/errors';
import { type OrgContext, requireRole } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { outboxSettings } from '../db/schema/outbox';
import type { OutboxSettingsView } from './get-outbox-settings';

export const updateOutboxSettingsInput = z.object({
  maxAttempts: z.coerce.number().int().min(1, 'is at least 1').max(20, 'is at most 20'),
});

/** Applies to messages enqueued from now on; queued ones keep the limit they were made with. */
export async function updateOutboxSettings(
  db: DbOrTx,
  ctx: OrgContext,
  input: z.input<typeof updateOutboxSettingsInput>,
): Promise<OutboxSettingsView> {
  requireRole(ctx, 'admin');
  const { maxAttempts } = parseOr400(updateOutboxSettingsInput, input);
  await db
    .insert(outboxSettings)
    .values({ orgId: ctx.orgId, maxAttempts })
    .onConflictDoUpdate({ target: outboxSettings.orgId, set: { maxAttempts, updatedAt: new Date() } });
  return { maxAttempts };
}
