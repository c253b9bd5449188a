import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listMembers } from '@/lib/orgs/list-members';

export const GET = orgRoute(async (_req, ctx) => ({ members: await listMembers(getDb(), ctx) }));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
