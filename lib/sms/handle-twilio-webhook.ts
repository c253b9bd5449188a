// Twilio's callbacks for one SMS account: status callbacks (MessageStatus delivered / undelivered /
// failed become delivery events of the SMS) and incoming messages (a reply of STOP opts the number
// out of SMS, START opts it back in). Each request must carry a valid X-Twilio-Signature for the
// account's auth token over the URL Twilio was given (lib/sms/webhook-urls.ts) — checked with the
// twilio library's validateRequest — or it is refused (403) and nothing is recorded.
import { validateRequest } from 'twilio';
import { forbidden } from '../api/errors';
import { recordSmsOptOut } from '../contacts/record-sms-opt-out';
import type { DbOrTx } from '../db/client';
import type { DeliveryEventKind } from '../db/schema/outbox';
import { log } from '../log';
import { optOutKeyword } from './opt-out-keyword';
import { recordSmsReport } from './record-sms-report';
import { secretOf } from './transports/account-sms-transport';
import { loadWebhookAccount, type WebhookAccount } from './webhook-account';
import { smsWebhookUrls } from './webhook-urls';

export type TwilioCallback = {
  which: 'status' | 'inbound';
  token: string;
  signature: string | null;
  params: Record<string, string>;
};

const REPORTS: Record<string, DeliveryEventKind> = {
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
};

export async function handleTwilioWebhook(
  db: DbOrTx,
  callback: TwilioCallback,
): Promise<{ recorded: number; optOut?: 'stop' | 'start' }> {
  const hook = await loadWebhookAccount(db, 'twilio', callback.token);
  await checkSignature(db, hook, callback);
  const p = callback.params;
  if (callback.which === 'status') {
    const kind = REPORTS[p.MessageStatus ?? p.SmsStatus ?? ''];
    if (!kind || !p.MessageSid) return { recorded: 0 };
    const detail = p.ErrorCode
      ? `Twilio error ${p.ErrorCode}${p.ErrorMessage ? `: ${p.ErrorMessage}` : ''}`
      : null;
    return recordSmsReport(db, hook, {
      providerMessageId: p.MessageSid,
      kind,
      recipient: p.To ?? null,
      detail,
    });
  }
  const keyword = optOutKeyword(p.Body ?? '');
  if (!keyword || !p.From) return { recorded: 0 };
  await recordSmsOptOut(db, hook.ctx, {
    phone: p.From,
    optOut: keyword === 'stop',
    reason: `Replied "${(p.Body ?? '').trim().slice(0, 40)}" to ${p.To ?? hook.account.fromAddress}`,
  });
  log.info({ orgId: hook.ctx.orgId, senderId: hook.account.id, keyword }, 'sms opt-out reply recorded');
  return { recorded: 1, optOut: keyword };
}

async function checkSignature(db: DbOrTx, hook: WebhookAccount, callback: TwilioCallback) {
  const urls = smsWebhookUrls('twilio', hook.settings.webhookToken)!;
  const url = callback.which === 'status' ? urls.status : urls.inbound;
  const authToken = await secretOf(db, hook.account, 'auth token');
  if (!callback.signature || !validateRequest(authToken, callback.signature, url, callback.params)) {
    log.warn({ orgId: hook.ctx.orgId, senderId: hook.account.id }, 'twilio callback refused: bad signature');
    throw forbidden('The X-Twilio-Signature of this request is not valid for this account.');
  }
}
