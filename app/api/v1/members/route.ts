import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listMembers } from '@/lib/orgs/list-members';

export const GET = orgRoute(async (_req, ctx) => ({ members: await listMembers(getDb(), ctx) }));
