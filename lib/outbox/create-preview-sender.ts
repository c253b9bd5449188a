// Every new organisation starts with a preview sender account as its default: mail composed before
// a real account is added lands in the org's preview mailbox (/preview) instead of going nowhere.
import addressparser from 'nodemailer/lib/addressparser';
import type { DbOrTx } from '../db/client';
import { senderAccounts } from '../db/schema/outbox';
import { env } from '../env';
import { getTranslator } from '../i18n/get-translator';
import { isLocale } from '../i18n/locales';

export async function createPreviewSender(
  tx: DbOrTx,
  org: { id: string; name: string; defaultLocale?: string },
): Promise<void> {
  const [from] = addressparser(env().MAIL_FROM, { flatten: true });
  await tx.insert(senderAccounts).values({
    orgId: org.id,
    // Named in the organisation's language: the name is the account's, shown as stored.
    name: getTranslator(isLocale(org.defaultLocale) ? org.defaultLocale : 'en')('senders.previewMailbox'),
    kind: 'preview',
    fromAddress: from?.address || 'mailroom@localhost',
    fromName: org.name,
    isDefault: true,
  });
}
