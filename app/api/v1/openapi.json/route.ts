import { buildOpenApiDocument } from '@/lib/api/openapi';
import { publicRoute } from '@/lib/api/route';
import { env } from '@/lib/env';
import { orgOperations } from '@/lib/orgs/openapi';

export const dynamic = 'force-dynamic';

// Each domain's operations, listed explicitly: a domain that is not here is not documented.
export const GET = publicRoute(async () => buildOpenApiDocument([...orgOperations], env().APP_URL));
