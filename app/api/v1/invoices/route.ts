import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { listInvoicesQuery } from '@/lib/bulk/invoices.schema';
import { listInvoices } from '@/lib/bulk/list-invoices';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (req, ctx) =>
  listInvoices(getDb(), ctx, readQuery(req, listInvoicesQuery)),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
