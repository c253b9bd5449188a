import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { getInvoicePdf } from '@/lib/bulk/get-invoice-pdf';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute<{ id: string }>(async (_req, ctx, { id }) => {
  const { fileName, pdf } = await getInvoicePdf(getDb(), ctx, id);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      // The name came from a manifest: keep only safe characters in the header.
      'Content-Disposition': `inline; filename="${fileName.replace(/[^\w.\- ]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    },
  });
});

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
