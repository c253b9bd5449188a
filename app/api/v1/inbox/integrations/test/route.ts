import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readJson } from '@/lib/api/route';
import { testConnectionInput } from '@/lib/inbox/integrations.schema';
import { testConnection } from '@/lib/inbox/test-connection';

export const POST = orgRoute(async (req) => testConnection(await readJson(req, testConnectionInput)));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
