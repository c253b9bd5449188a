// An organisation's delivery settings (today: how many attempts before a message fails).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { DEFAULT_MAX_ATTEMPTS, outboxSettings } from '../db/schema/outbox';

export const outboxSettingsView = z.object({ maxAttempts: z.number().int() });
export type OutboxSettingsView = z.infer<typeof outboxSettingsView>;

export async function getOutboxSettings(db: DbOrTx, ctx: OrgContext): Promise<OutboxSettingsView> {
  const [row] = await db
    .select({ maxAttempts: outboxSettings.maxAttempts })
    .from(outboxSettings)
    .where(eq(outboxSettings.orgId, ctx.orgId));
  return { maxAttempts: row?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS };
}
