// The addresses an SMS provider calls back for one account: delivery reports and replies. The
// account's secret token is part of the path (Brevo signs nothing; Twilio's signature is checked as
// well). Based on MAILROOM_WEBHOOK_URL, else APP_URL.
import type { SenderKind } from '../db/schema/outbox';
import { env } from '../env';

export function webhookBase(): string {
  const e = env();
  return (e.MAILROOM_WEBHOOK_URL ?? e.APP_URL).replace(/\/+$/, '');
}

export type SmsWebhookUrls = { status: string; inbound: string };

export function smsWebhookUrls(kind: SenderKind, token: string): SmsWebhookUrls | null {
  const base = `${webhookBase()}/api/v1/sms`;
  if (kind === 'twilio')
    return { status: `${base}/twilio/${token}/status`, inbound: `${base}/twilio/${token}/inbound` };
  if (kind === 'brevo') return { status: `${base}/brevo/${token}`, inbound: `${base}/brevo/${token}` };
  return null;
}
