import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { cancelInvoiceRun } from '@/lib/bulk/cancel-invoice-run';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute<{ id: string }>((_req, ctx, { id }) => cancelInvoiceRun(getDb(), ctx, id));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
