import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson, readQuery } from '@/lib/api/route';
import { createContactInput, listContactsQuery } from '@/lib/contacts/contacts.schema';
import { createContact } from '@/lib/contacts/create-contact';
import { listContacts } from '@/lib/contacts/list-contacts';
import { getDb } from '@/lib/db/client';

export const GET = orgRoute(async (req, ctx) =>
  listContacts(getDb(), ctx, readQuery(req, listContactsQuery)),
);

export const POST = orgRoute(async (req, ctx) =>
  json({ contact: await createContact(getDb(), ctx, await readJson(req, createContactInput)) }, 201),
);

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
