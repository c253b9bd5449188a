// Address completion for the compose boxes: the organisation's contacts with an email address and
// the people its outbox has written to (To and Cc), matched on every typed word ignoring accents
// and case (the folded text and trigram indexes of lib/db/search-text.ts), best first.
import { and, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { contacts } from '../db/schema/contacts';
import { inOrg } from '../db/scoped';
import { containsFolded, outboxSearchIds, readOutboxSearchWatermark, searchText } from '../db/search-text';
import {
  type AddressCandidate,
  type AddressSuggestion,
  rankAddressSuggestions,
} from './rank-address-suggestions';

/** How many recent matching messages are read for their recipients (newest first). */
const RECENT_MESSAGES = 200;

export async function suggestAddresses(
  db: DbOrTx,
  ctx: OrgContext,
  query: string,
  limit = 8,
): Promise<AddressSuggestion[]> {
  const words = query.trim().slice(0, 100).split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return [];
  const every = (document: SQL) => and(...words.map((w) => containsFolded(document, w)))!;
  const recipient = sql`public.mailroom_fold(coalesce(r->>'name', '') || ' ' || coalesce(r->>'address', ''))`;
  const indexedBefore = await readOutboxSearchWatermark(db);
  const [people, recent] = await Promise.all([
    db
      .select({ email: contacts.email, firstName: contacts.firstName, lastName: contacts.lastName })
      .from(contacts)
      .where(and(inOrg(contacts, ctx), isNotNull(contacts.email), every(searchText.contact())))
      .limit(50),
    db.execute<{ address: string; name: string | null; last_used: Date | string }>(sql`
      select min(r->>'address') as address, max(nullif(r->>'name', '')) as name, max(m.created_at) as last_used
      from (
        select "to", cc, created_at from outbox_messages
        where org_id = ${ctx.orgId} and channel = 'email' and id in (${outboxSearchIds(ctx.orgId, words, indexedBefore)})
        order by created_at desc
        limit ${RECENT_MESSAGES}
      ) m
      cross join lateral jsonb_array_elements(m."to" || m.cc) r
      where coalesce(r->>'address', '') <> '' and ${every(recipient)}
      group by lower(r->>'address')
      limit 50`),
  ]);
  const candidates: AddressCandidate[] = [
    ...people.map((p) => ({
      address: p.email!,
      name: `${p.firstName} ${p.lastName}`.trim() || null,
      source: 'contact' as const,
      lastUsed: null,
    })),
    ...[...recent].map((r) => ({
      address: r.address,
      name: r.name,
      source: 'recent' as const,
      lastUsed: new Date(r.last_used),
    })),
  ];
  return rankAddressSuggestions(query, candidates, limit);
}
