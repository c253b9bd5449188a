import { orgRoute } from '@/lib/api/route';
import { cancelInvoiceRun } from '@/lib/bulk/cancel-invoice-run';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute<{ id: string }>((_req, ctx, { id }) => cancelInvoiceRun(getDb(), ctx, id));
