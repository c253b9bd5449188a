// Every new organisation starts with preview accounts as its defaults, one per channel: mail and SMS
// composed before a real account is added land in the org's preview mailbox (/preview) instead of
// going nowhere. An organisation made before SMS existed gets its SMS one on first use
// (ensureSmsPreviewAccount, called by enqueueSms).
import { and, eq, isNull } from 'drizzle-orm';
import addressparser from 'nodemailer/lib/addressparser';
import type { DbOrTx } from '../db/client';
import { organizations } from '../db/schema/orgs';
import { senderAccounts } from '../db/schema/outbox';
import { env } from '../env';
import { getTranslator } from '../i18n/get-translator';
import { isLocale } from '../i18n/locales';

export async function createPreviewSender(
  tx: DbOrTx,
  org: { id: string; name: string; defaultLocale?: string },
): Promise<void> {
  const [from] = addressparser(env().MAIL_FROM, { flatten: true });
  const t = getTranslator(isLocale(org.defaultLocale) ? org.defaultLocale : 'en');
  await tx.insert(senderAccounts).values({
    orgId: org.id,
    // Named in the organisation's language: the name is the account's, shown as stored.
    name: t('senders.previewMailbox'),
    kind: 'preview',
    fromAddress: from?.address || 'mailroom@localhost',
    fromName: org.name,
    isDefault: true,
  });
  await tx.insert(senderAccounts).values(smsPreviewValues(org, t('smsAccounts.previewName')));
}

/** The SMS preview account as the default when the organisation has no SMS account at all. */
export async function ensureSmsPreviewAccount(tx: DbOrTx, orgId: string): Promise<void> {
  const [any] = await tx
    .select({ id: senderAccounts.id })
    .from(senderAccounts)
    .where(
      and(
        eq(senderAccounts.orgId, orgId),
        eq(senderAccounts.channel, 'sms'),
        isNull(senderAccounts.deletedAt),
      ),
    )
    .limit(1);
  if (any) return;
  const [org] = await tx
    .select({ id: organizations.id, name: organizations.name, defaultLocale: organizations.defaultLocale })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!org) return;
  const t = getTranslator(isLocale(org.defaultLocale) ? org.defaultLocale : 'en');
  await tx
    .insert(senderAccounts)
    .values(smsPreviewValues(org, t('smsAccounts.previewName')))
    .onConflictDoNothing();
}

/** An SMS sender name: at most 11 letters and digits (what operators show for alphanumeric senders). */
export function smsSenderName(orgName: string): string {
  const name = orgName
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 11);
  return /[A-Za-z]/.test(name) ? name : 'Mailroom';
}

function smsPreviewValues(org: { id: string; name: string }, name: string) {
  return {
    orgId: org.id,
    channel: 'sms' as const,
    name,
    kind: 'preview' as const,
    fromAddress: smsSenderName(org.name),
    isDefault: true,
  };
}
