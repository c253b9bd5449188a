import { downloadResponse } from '@/lib/api/download';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { exportContacts } from '@/lib/contacts/export-contacts';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (_req, ctx) =>
  downloadResponse(new TextEncoder().encode(await exportContacts(getDb(), ctx)), 'contacts.csv', 'text/csv'),
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
