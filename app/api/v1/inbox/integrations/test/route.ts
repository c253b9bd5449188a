import { orgRoute, readJson } from '@/lib/api/route';
import { testConnectionInput } from '@/lib/inbox/integrations.schema';
import { testConnection } from '@/lib/inbox/test-connection';

export const POST = orgRoute(async (req) => testConnection(await readJson(req, testConnectionInput)));
