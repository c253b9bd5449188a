import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { listRecipientsQuery } from '@/lib/broadcasts/broadcast.schema';
import { listRecipients } from '@/lib/broadcasts/list-recipients';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute<{ id: string }>(async (req, ctx, { id }) =>
  listRecipients(getDb(), ctx, id, readQuery(req, listRecipientsQuery)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
