// The one factory from an SMS account to its transport (the worker's batches and "test"): the
// provider's secret (Twilio auth token, Brevo API key) is read from the account's sealed credential
// through lib/credentials for every use, so an edited token applies from the next batch on.
import { resolveCredential } from '../../credentials/resolve-credential';
import type { DbOrTx } from '../../db/client';
import { getDb } from '../../db/client';
import type { SenderAccount } from '../../db/schema/outbox';
import type { SmsAccountSettings } from '../../db/schema/sms';
import { createBrevoTransport } from './brevo';
import { createSmsPreviewTransport } from './preview';
import type { SmsTransport } from './sms-transport';
import { createTwilioTransport } from './twilio';

export async function buildSmsTransport(
  db: DbOrTx,
  account: SenderAccount,
  settings: SmsAccountSettings | null,
): Promise<SmsTransport> {
  switch (account.kind) {
    case 'preview':
      return createSmsPreviewTransport(getDb, account.orgId);
    case 'twilio': {
      if (!settings?.providerAccountId) throw new Error('The Twilio account has no Account SID configured.');
      return createTwilioTransport({
        accountSid: settings.providerAccountId,
        authToken: await secretOf(db, account, 'auth token'),
        messagingServiceSid: settings.messagingServiceId,
      });
    }
    case 'brevo':
      return createBrevoTransport({ apiKey: await secretOf(db, account, 'API key') });
    default:
      throw new Error(`sender account ${account.id} (${account.kind}) is not an SMS account`);
  }
}

/** The provider's secret; a missing one is an error before anything is sent. */
export async function secretOf(db: DbOrTx, account: SenderAccount, what: string): Promise<string> {
  if (!account.credentialId) throw new Error(`The SMS account has no ${what}.`);
  const c = await resolveCredential(db, { id: account.credentialId, orgId: account.orgId });
  if (c.kind !== 'password') throw new Error(`The SMS account's ${what} is not a secret key.`);
  return c.password;
}
