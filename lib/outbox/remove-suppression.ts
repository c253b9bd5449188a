// Takes an address off the suppression list: the next message to it is sent again.
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { suppressedAddresses } from '../db/schema/suppressions';
import { byIdInOrg, firstOr404 } from '../db/scoped';

export async function removeSuppression(db: DbOrTx, ctx: OrgContext, id: string): Promise<void> {
  firstOr404(
    await db
      .delete(suppressedAddresses)
      .where(byIdInOrg(suppressedAddresses, id, ctx))
      .returning({ id: suppressedAddresses.id }),
    'Suppression list entry',
  );
}
