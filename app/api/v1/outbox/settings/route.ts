import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getOutboxSettings } from '@/lib/outbox/get-outbox-settings';
import { updateOutboxSettings, updateOutboxSettingsInput } from '@/lib/outbox/update-outbox-settings';

export const GET = orgRoute(async (_req, ctx) => getOutboxSettings(getDb(), ctx));

export const PATCH = orgRoute(async (req, ctx) =>
  updateOutboxSettings(getDb(), ctx, await readJson(req, updateOutboxSettingsInput)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, DELETE } = otherMethods('GET', 'PATCH');
