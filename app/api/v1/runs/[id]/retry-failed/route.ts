import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { retryFailedInvoices } from '@/lib/bulk/retry-failed-invoices';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute<{ id: string }>((_req, ctx, { id }) => retryFailedInvoices(getDb(), ctx, id));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
