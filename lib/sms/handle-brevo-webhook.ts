// Brevo's transactional SMS webhook for one SMS account. Brevo signs nothing, so the secret token in
// the URL is the proof (lib/sms/webhook-account.ts). Its event (`msg_status` or `event`) becomes a
// delivery event of the SMS: delivered → delivered, soft bounce → undelivered, hard bounce /
// rejected / blocked / skipped → failed; an unsubscription or a reply of STOP opts the number out.
// Field names as Brevo documents them (developers.brevo.com/docs/transactional-webhooks, SMS: `id`
// the webhook's id, `to` without +, `messageId` an integer, `msg_status` sent | delivered |
// soft_bounce | hard_bounce, `date` in CET/CEST, `sms_count`, `credits_used`, `remaining_credit`,
// `type`, `reference`); the reply text and bounce reason are `reply` and `reason`, as in Brevo's
// SDKs' SMS event model (GetSmsEventReportEvents), whose event names (softBounces, unsubscription,
// replies…) are accepted too.
import { z } from 'zod';
import { parseOr400 } from '../api/errors';
import { recordSmsOptOut } from '../contacts/record-sms-opt-out';
import type { DbOrTx } from '../db/client';
import type { DeliveryEventKind } from '../db/schema/outbox';
import { log } from '../log';
import { optOutKeyword } from './opt-out-keyword';
import { recordSmsReport } from './record-sms-report';
import { loadWebhookAccount } from './webhook-account';

export const brevoSmsEvent = z
  .object({
    messageId: z.union([z.string(), z.number()]).optional(),
    msg_status: z.string().optional(),
    event: z.string().optional(),
    to: z.string().optional(),
    reason: z.string().optional(),
    reply: z.string().optional(),
    date: z.string().optional(),
  })
  .passthrough();

const REPORTS: Record<string, DeliveryEventKind> = {
  delivered: 'delivered',
  soft_bounce: 'undelivered',
  softbounce: 'undelivered',
  soft_bounces: 'undelivered',
  softbounces: 'undelivered',
  hard_bounce: 'failed',
  hardbounce: 'failed',
  hard_bounces: 'failed',
  hardbounces: 'failed',
  rejected: 'failed',
  blocked: 'failed',
  skipped: 'failed',
};

export async function handleBrevoWebhook(
  db: DbOrTx,
  token: string,
  body: unknown,
): Promise<{ recorded: number; optOut?: 'stop' }> {
  const hook = await loadWebhookAccount(db, 'brevo', token);
  const e = parseOr400(brevoSmsEvent, body, 'request body');
  const status = (e.msg_status ?? e.event ?? '').toLowerCase().replace(/[\s-]/g, '_');
  const phone = e.to ? `+${e.to.replace(/^\+/, '')}` : null;
  const reply = e.reply ?? '';
  if (
    (status.startsWith('unsubscri') || (status.startsWith('repl') && optOutKeyword(reply) === 'stop')) &&
    phone
  ) {
    await recordSmsOptOut(db, hook.ctx, {
      phone,
      optOut: true,
      reason: status.startsWith('repl') ? `Replied "${reply.trim().slice(0, 40)}"` : 'Unsubscribed (Brevo)',
    });
    log.info({ orgId: hook.ctx.orgId, senderId: hook.account.id }, 'sms opt-out recorded (brevo)');
    return { recorded: 1, optOut: 'stop' };
  }
  const kind = REPORTS[status];
  if (!kind || e.messageId === undefined) return { recorded: 0 };
  const reason = e.reason?.trim();
  // `date` is Paris wall-clock time without a zone: the report is dated when it arrives instead.
  return recordSmsReport(db, hook, {
    providerMessageId: String(e.messageId),
    kind,
    recipient: phone,
    detail: kind === 'delivered' ? null : `Brevo: ${status}${reason ? ` (${reason})` : ''}`,
  });
}
