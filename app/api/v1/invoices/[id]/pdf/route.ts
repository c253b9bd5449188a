import { downloadResponse } from '@/lib/api/download';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getInvoicePdf } from '@/lib/bulk/get-invoice-pdf';
import { getDb } from '@/lib/db/client';

// A PDF from an uploaded ZIP is the uploader's content: like received attachments it is a download
// (never sniffed, sandboxed if opened), not a document rendered on our origin.
export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  const { fileName, pdf } = await getInvoicePdf(getDb(), ctx, id);
  return downloadResponse(Buffer.from(pdf), fileName, 'application/pdf');
});

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
