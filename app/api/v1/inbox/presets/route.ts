import { orgRoute } from '@/lib/api/route';
import { inboxPresets } from '@/lib/inbox/presets';

export const GET = orgRoute(async () => ({ presets: inboxPresets }));
