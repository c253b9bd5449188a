import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { broadcastSettingsInput } from '@/lib/broadcasts/broadcast.schema';
import { getBroadcastSettings } from '@/lib/broadcasts/get-broadcast-settings';
import { updateBroadcastSettings } from '@/lib/broadcasts/update-broadcast-settings';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (_req, ctx) => getBroadcastSettings(getDb(), ctx));

export const PATCH = orgRoute(async (req, ctx) =>
  updateBroadcastSettings(getDb(), ctx, await readJson(req, broadcastSettingsInput)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, DELETE } = otherMethods('GET', 'PATCH');
