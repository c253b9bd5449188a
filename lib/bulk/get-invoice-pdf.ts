import { eq } from 'drizzle-orm';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import { storedFiles } from '../db/schema/files';
import { invoices } from '../db/schema/invoices';
import { byIdInOrg, firstOr404 } from '../db/scoped';

/** The stored PDF of one of the org's invoices, or 404. */
export async function getInvoicePdf(
  db: DbOrTx,
  ctx: OrgContext,
  id: string,
): Promise<{ fileName: string; pdf: Buffer }> {
  return firstOr404(
    await db
      .select({ fileName: invoices.fileName, pdf: storedFiles.content })
      .from(invoices)
      .innerJoin(storedFiles, eq(storedFiles.id, invoices.fileId))
      .where(byIdInOrg(invoices, id, ctx)),
    'Invoice',
  );
}
