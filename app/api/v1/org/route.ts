import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { getOrganization } from '@/lib/orgs/get-organization';

export const GET = orgRoute((_req, ctx) => getOrganization(getDb(), ctx));

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
