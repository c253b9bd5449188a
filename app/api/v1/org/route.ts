import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getOrganization } from '@/lib/orgs/get-organization';

export const GET = orgRoute((_req, ctx) => getOrganization(getDb(), ctx));
