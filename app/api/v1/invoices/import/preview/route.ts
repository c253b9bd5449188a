import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { previewInvoiceImport } from '@/lib/bulk/preview-invoice-import';
import { readUploadForm } from '@/lib/bulk/read-upload-form';
import { getDb } from '@/lib/db/client';

// The same upload as POST /api/v1/invoices/import, checked row by row; nothing is stored.
export const POST = orgRoute(async (req, ctx) =>
  previewInvoiceImport(getDb(), ctx, await readUploadForm(req)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
