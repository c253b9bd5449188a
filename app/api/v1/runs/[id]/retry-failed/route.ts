import { orgRoute } from '@/lib/api/route';
import { retryFailedInvoices } from '@/lib/bulk/retry-failed-invoices';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute<{ id: string }>((_req, ctx, { id }) => retryFailedInvoices(getDb(), ctx, id));
