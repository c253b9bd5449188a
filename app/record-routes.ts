// The app's pages of one record (/outbox/<id>, /contacts/<id>, …) and how each record is loaded by
// (id, org). The 404 page asks which of the user's other organisations holds the record a link
// names (app/(app)/record-organization-actions.ts); a link to anything else gets no hint.
import type { OrgContext } from '@/lib/auth/org-context';
import { getBroadcast } from '@/lib/broadcasts/get-broadcast';
import { getInvoice } from '@/lib/bulk/update-invoice';
import { getContact } from '@/lib/contacts/get-contact';
import { getGroup } from '@/lib/contacts/group-view';
import type { DbOrTx } from '@/lib/db/client';
import { getMessageRow } from '@/lib/inbox/get-message';
import { getIntegration } from '@/lib/inbox/list-integrations';
import { getMessage } from '@/lib/outbox/get-message';
import { getSender } from '@/lib/outbox/get-sender';
import { getSmsAccount } from '@/lib/outbox/get-sms-account';
import { getRun } from '@/lib/progress/get-run';

type Load = (db: DbOrTx, ctx: OrgContext, id: string) => Promise<unknown>;

const ID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

/** A section, then the record's id, then optionally one of the record's own sub-pages. */
const routes: { pattern: RegExp; load: Load }[] = [
  { pattern: new RegExp(`^/outbox/${ID}(?:/edit)?$`), load: getMessage },
  { pattern: new RegExp(`^/inbox/messages/${ID}(?:/reply)?$`), load: getMessageRow },
  { pattern: new RegExp(`^/inbox/mailboxes/${ID}$`), load: getIntegration },
  { pattern: new RegExp(`^/invoices/${ID}$`), load: getInvoice },
  { pattern: new RegExp(`^/contacts/groups/${ID}$`), load: getGroup },
  { pattern: new RegExp(`^/contacts/${ID}$`), load: getContact },
  { pattern: new RegExp(`^/runs/${ID}$`), load: getRun },
  { pattern: new RegExp(`^/senders/${ID}$`), load: getSender },
  { pattern: new RegExp(`^/sms-accounts/${ID}$`), load: getSmsAccount },
  { pattern: new RegExp(`^/messages/${ID}$`), load: getBroadcast },
];

/** The record a path names, with its loader; undefined for any other path. */
export function matchRecordRoute(path: string): { id: string; load: Load } | undefined {
  for (const route of routes) {
    const id = route.pattern.exec(path)?.[1];
    if (id) return { id, load: route.load };
  }
  return undefined;
}
