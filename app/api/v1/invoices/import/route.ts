import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { importInvoices } from '@/lib/bulk/import-invoices';
import { readUploadForm } from '@/lib/bulk/read-upload-form';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute(async (req, ctx) => importInvoices(getDb(), ctx, await readUploadForm(req)));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
