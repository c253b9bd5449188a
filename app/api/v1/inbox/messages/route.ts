import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { listMessages } from '@/lib/inbox/list-messages';
import { listMessagesQuery } from '@/lib/inbox/messages.schema';

export const GET = orgRoute(async (req, ctx) =>
  listMessages(getDb(), ctx, readQuery(req, listMessagesQuery)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
