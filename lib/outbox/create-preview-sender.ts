// Every new organisation starts with a preview sender account as its default: mail composed before
// a real account is added lands in the org's preview mailbox (/preview) instead of going nowhere.
import addressparser from 'nodemailer/lib/addressparser';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { env } from '../env';

export async function createPreviewSender(tx: DbOrTx, org: { id: string; name: string }): Promise<void> {
  const [from] = addressparser(env().MAIL_FROM, { flatten: true });
  await tx.insert(senderAccounts).values({
    orgId: org.id,
    name: 'Preview mailbox',
    kind: 'preview',
    fromAddress: from?.address || 'mailroom@localhost',
    fromName: org.name,
    isDefault: true,
  });
}
