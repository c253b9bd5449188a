import { otherMethods } from '@/lib/api/method-not-allowed';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { publicRoute } from '@/lib/api/route';
import { broadcastOperations } from '@/lib/broadcasts/openapi';
import { bulkOperations } from '@/lib/bulk/openapi';
import { contactOperations } from '@/lib/contacts/openapi';
import { env } from '@/lib/env';
import { inboxOperations } from '@/lib/inbox/openapi';
import { oauthOperations } from '@/lib/oauth/openapi';
import { orgOperations } from '@/lib/orgs/openapi';
import { outboxOperations } from '@/lib/outbox/openapi';
import { smsOperations } from '@/lib/outbox/sms-openapi';
import { suppressionOperations } from '@/lib/outbox/suppression-openapi';
import { progressOperations } from '@/lib/progress/openapi';

export const dynamic = 'force-dynamic';

// Each domain's operations, listed explicitly: a domain that is not here is not documented.
export const GET = publicRoute(async () =>
  buildOpenApiDocument(
    [
      ...orgOperations,
      ...outboxOperations,
      ...smsOperations,
      ...suppressionOperations,
      ...progressOperations,
      ...bulkOperations,
      ...inboxOperations,
      ...oauthOperations,
      ...contactOperations,
      ...broadcastOperations,
    ],
    env().APP_URL,
  ),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
