import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { inboxPresets } from '@/lib/inbox/presets';

export const GET = orgRoute(async () => ({ presets: inboxPresets }));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
