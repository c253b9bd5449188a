import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { addSuppression } from '@/lib/outbox/add-suppression';
import { listSuppressions } from '@/lib/outbox/list-suppressions';
import { addSuppressionInput, listSuppressionsQuery } from '@/lib/outbox/suppressions.schema';

export const GET = orgRoute(async (req, ctx) =>
  listSuppressions(getDb(), ctx, readQuery(req, listSuppressionsQuery)),
);

/** 201 with the new entry; 200 with the existing one when the address is already on the list. */
export const POST = orgRoute(async (req, ctx) => {
  const { suppression, created } = await addSuppression(
    getDb(),
    ctx,
    await readJson(req, addSuppressionInput),
    'api',
  );
  return json({ suppression }, created ? 201 : 200);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
