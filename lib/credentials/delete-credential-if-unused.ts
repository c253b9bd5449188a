// Deletes a credential once no account refers to it any more (a removed password, a deleted
// mailbox or sender). A credential may be shared (one OAuth grant for a sender and a mailbox): it
// stays while either still uses it.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

export async function deleteCredentialIfUnused(
  db: DbOrTx,
  ref: { id: string; orgId: string },
): Promise<void> {
  await db.execute(sql`
    delete from credentials c
    where c.id = ${ref.id} and c.org_id = ${ref.orgId}
      and not exists (select 1 from sender_accounts s where s.credential_id = c.id)
      and not exists (select 1 from inbox_mailboxes m where m.credential_id = c.id)
  `);
}
