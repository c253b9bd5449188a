import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute } from '@/lib/api/route';
import { importContacts } from '@/lib/contacts/import-contacts';
import { readCsvUpload } from '@/lib/contacts/read-csv-upload';
import { getDb } from '@/lib/db/client';

export const POST = orgRoute(async (req, ctx) => importContacts(getDb(), ctx, await readCsvUpload(req)));

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
