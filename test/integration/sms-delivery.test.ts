// The SMS channel through the real worker and transports: local servers speaking Twilio's Messages
// API (through the twilio library) and Brevo's SMS API, their error answers and their callbacks
// (sent over HTTP to our own webhook routes); the preview provider; segment limits; STOP.
process.env.MAILROOM_POLL_INTERVAL_SECONDS = '0.5';
process.env.MAILROOM_RETRY_BASE_SECONDS = '0.3';
process.env.MAILROOM_RETRY_MAX_SECONDS = '2';
process.env.MAILROOM_UNREACHABLE_PAUSE_MIN_SECONDS = '0.5';
process.env.MAILROOM_UNREACHABLE_PAUSE_MAX_SECONDS = '2';

import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as smsById from '@/app/api/v1/sms/[id]/route';
import * as brevoHook from '@/app/api/v1/sms/brevo/[token]/route';
import * as smsRoute from '@/app/api/v1/sms/route';
import * as twilioInbound from '@/app/api/v1/sms/twilio/[token]/inbound/route';
import * as twilioStatus from '@/app/api/v1/sms/twilio/[token]/status/route';
import * as smsAccountById from '@/app/api/v1/sms-accounts/[id]/route';
import * as smsAccountVerify from '@/app/api/v1/sms-accounts/[id]/verify/route';
import * as smsAccountsRoute from '@/app/api/v1/sms-accounts/route';
import * as suppressionsRoute from '@/app/api/v1/suppressions/route';
import { contacts } from '@/lib/db/schema/contacts';
import { credentials } from '@/lib/db/schema/credentials';
import { deliveryEvents, messageAttempts, outboxMessages, senderAccounts } from '@/lib/db/schema/outbox';
import { previewMessages } from '@/lib/db/schema/preview';
import { outboxSms, smsEarlyReports } from '@/lib/db/schema/sms';
import { resetEnvCache } from '@/lib/env';
import { getSenderBoss } from '@/lib/jobs/boss';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { deleteOldMessages } from '@/lib/outbox/delete-old-messages';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { enqueueSms } from '@/lib/outbox/enqueue-sms';
import {
  type DeliveryEventNotice,
  registerOriginHandler,
  type SettledMessage,
} from '@/lib/outbox/origin-handlers';
import { recoverStaleMessages } from '@/lib/outbox/recover-stale-messages';
import { sendDueMessages } from '@/lib/outbox/send-due-messages';
import { applyEarlyReports } from '@/lib/sms/early-reports';
import { registry } from '@/worker/registry';
import { type RunningWorker, runWorker } from '@/worker/run-worker';
import { type BrevoServer, startBrevoServer } from '../helpers/brevo-server';
import { callRoute } from '../helpers/call-route';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { type RouteServer, startRouteServer } from '../helpers/route-server';
import { setupTestDatabase } from '../helpers/test-database';
import { startTwilioServer, type TwilioServer, twilioErrors } from '../helpers/twilio-server';
import { waitFor } from '../helpers/wait-for';

const t = setupTestDatabase();
const ACCOUNT_SID = `AC${crypto.randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = crypto.randomBytes(16).toString('hex');
const BREVO_KEY = `xkeysib-${crypto.randomBytes(16).toString('hex')}`;

let twilio: TwilioServer;
let brevo: BrevoServer;
let hooks: RouteServer;
let worker: RunningWorker;
const settled: SettledMessage[] = [];
const events: DeliveryEventNotice[] = [];

beforeAll(async () => {
  twilio = await startTwilioServer({ [ACCOUNT_SID]: AUTH_TOKEN });
  brevo = await startBrevoServer(BREVO_KEY);
  hooks = await startRouteServer({
    '/api/v1/sms/twilio/:token/status': twilioStatus,
    '/api/v1/sms/twilio/:token/inbound': twilioInbound,
    '/api/v1/sms/brevo/:token': brevoHook,
  });
  Object.assign(process.env, {
    TWILIO_API_URL: twilio.url,
    BREVO_API_URL: brevo.url,
    MAILROOM_WEBHOOK_URL: hooks.url,
  });
  resetEnvCache();
  worker = await runWorker(registry);
  // A feature listening to its SMS. Registered after the worker starts, which registers the real
  // handlers (scheduled messages own `broadcast`) and would replace this one.
  registerOriginHandler('broadcast', {
    settled: async (_tx, messages) => void settled.push(...messages),
    events: async (_tx, notices) => void events.push(...notices),
  });
});
afterAll(async () => {
  await worker?.stop();
  await closeSenderTransports();
  await Promise.all([twilio?.close(), brevo?.close(), hooks?.close()]);
});

let phoneCounter = 10_000;
/** A French mobile number no other test uses. */
const phone = () => `+336${String(12_000_000 + phoneCounter++).padStart(8, '0')}`;

async function sms(id: string) {
  const res = await callRoute(smsById.GET, { apiKey: org.apiKey, params: { id } });
  expect(res.status, res.text).toBe(200);
  return res.json.sms as {
    status: string;
    lastError: string | null;
    attempts: number;
    providerMessageId: string | null;
    segments: number;
    encoding: string;
    events: { kind: string; detail: string | null; source: string }[];
  };
}

const finalStatuses = ['sent', 'failed', 'cancelled', 'expired'];
function settledSms(id: string, statuses = finalStatuses) {
  return waitFor(
    async () => {
      const s = await sms(id);
      return statuses.includes(s.status) ? s : null;
    },
    { timeoutMs: 20_000, what: `SMS ${id} to reach ${statuses.join('/')}` },
  );
}

async function sendOne(body: Record<string, unknown>) {
  const res = await callRoute(smsRoute.POST, { method: 'POST', apiKey: org.apiKey, body });
  expect(res.status, res.text).toBe(202);
  return res.json.message.id as string;
}

let org: TestOrg;
let twilioAccount: { id: string; webhookUrls: { status: string; inbound: string } };
let brevoAccount: { id: string; webhookUrls: { status: string; inbound: string } };

describe('SMS accounts', () => {
  it('a new organisation sends SMS to its preview mailbox by default, and its origin hears of it', async () => {
    org = await createTestOrg(t.db, 'École Jules Ferry');
    const list = await callRoute(smsAccountsRoute.GET, { apiKey: org.apiKey });
    expect(list.json.smsAccounts).toMatchObject([
      { provider: 'preview', isDefault: true, from: 'EcoleJulesF' },
    ]);

    const to = phone();
    const [queued] = await enqueueSms(t.db, org.ctx, [{ to, text: 'Réunion des parents jeudi à 18h.' }], {
      origin: { kind: 'broadcast', id: crypto.randomUUID() },
    });
    const done = await settledSms(queued!.id);
    expect(done).toMatchObject({ status: 'sent', attempts: 1, segments: 1, encoding: 'GSM-7' });

    const [kept] = await t.db.select().from(previewMessages).where(eq(previewMessages.orgId, org.id));
    const raw = kept!.raw.toString('utf8');
    expect(raw).toContain('X-Mailroom-Channel: sms');
    expect(raw).toContain(`X-Mailroom-Sms-To: ${to}`);
    expect(kept!.subject).toBe(`SMS to ${to}`);
    expect(done.providerMessageId).toBe(kept!.id);

    const heard = await waitFor(() => settled.find((s) => s.id === queued!.id));
    expect(heard).toMatchObject({ channel: 'sms', status: 'sent', to: [to], subject: '', error: null });
  });

  it('adds, reads, changes and tests a Twilio and a Brevo account over REST; secrets never come back', async () => {
    const created = await callRoute(smsAccountsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: {
        name: 'Twilio',
        provider: 'twilio',
        from: '+15005550006',
        accountSid: ACCOUNT_SID,
        authToken: 'wrong-token',
        isDefault: true,
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.text).not.toContain('wrong-token');
    twilioAccount = created.json.smsAccount;
    expect(created.json.smsAccount).toMatchObject({ provider: 'twilio', hasSecret: true, isDefault: true });
    expect(twilioAccount.webhookUrls.status).toMatch(
      new RegExp(`^${hooks.url}/api/v1/sms/twilio/[\\w-]{32}/status$`),
    );

    const bad = await callRoute(smsAccountVerify.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: twilioAccount.id },
    });
    expect(bad.json).toMatchObject({ ok: false, message: expect.stringContaining('Authenticate') });
    const fixed = await callRoute(smsAccountById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: twilioAccount.id },
      body: { authToken: AUTH_TOKEN, maxSegments: 2 },
    });
    expect(fixed.status, fixed.text).toBe(200);
    const good = await callRoute(smsAccountVerify.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: twilioAccount.id },
    });
    expect(good.json).toMatchObject({ ok: true });

    const numberForBrevo = await callRoute(smsAccountsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { name: 'Brevo', provider: 'brevo', from: '+33612345678', apiKey: BREVO_KEY },
    });
    expect(numberForBrevo.status).toBe(400);
    expect(numberForBrevo.json.error.details).toEqual([
      { path: 'from', message: 'must be a sender name (at most 11 letters and digits) for Brevo' },
    ]);
    const b = await callRoute(smsAccountsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { name: 'Brevo', provider: 'brevo', from: 'JulesFerry', apiKey: BREVO_KEY },
    });
    expect(b.status, b.text).toBe(201);
    brevoAccount = b.json.smsAccount;
    expect(b.json.smsAccount).toMatchObject({ provider: 'brevo', isDefault: false, hasSecret: true });

    const [sealed] = await t.db
      .select({ secret: credentials.secretSealed })
      .from(senderAccounts)
      .innerJoin(credentials, eq(credentials.id, senderAccounts.credentialId))
      .where(eq(senderAccounts.id, brevoAccount.id));
    expect(sealed!.secret).toMatch(/^v1\./);
    expect(sealed!.secret).not.toContain(BREVO_KEY);

    const other = await createTestOrg(t.db);
    const foreign = await callRoute(smsAccountById.GET, {
      apiKey: other.apiKey,
      params: { id: twilioAccount.id },
    });
    expect(foreign.status).toBe(404);
  });
});

describe('Twilio', () => {
  it('sends through the twilio library to the local API, with the status callback; reports become events', async () => {
    const to = phone();
    const id = await sendOne({ to, text: 'Bonjour ! La fête de l’école est samedi.' });
    const sent = await settledSms(id);
    expect(sent).toMatchObject({ status: 'sent', encoding: 'UCS-2', segments: 1 });
    const received = twilio.received.find((r) => r.to === to)!;
    expect(received).toMatchObject({
      from: '+15005550006',
      body: 'Bonjour ! La fête de l’école est samedi.',
    });
    expect(received.statusCallback).toBe(twilioAccount.webhookUrls.status);
    expect(sent.providerMessageId).toBe(received.sid);

    expect(await twilio.report(received.sid, 'sent')).toBe(204);
    expect(await twilio.report(received.sid, 'delivered')).toBe(204);
    expect(await twilio.report(received.sid, 'delivered')).toBe(204);
    const after = await sms(id);
    expect(after.events).toEqual([
      { kind: 'delivered', at: expect.any(String), detail: null, source: 'webhook:twilio' },
    ]);
  });

  it('keeps a report that comes before the SMS is recorded as sent, and records it once it is', async () => {
    const to = phone();
    twilio.reportBeforeAnswering.set(to, 'delivered');
    const origin = { kind: 'broadcast' as const, id: crypto.randomUUID() };
    const [queued] = await enqueueSms(t.db, org.ctx, [{ to, text: 'Livré avant d’être noté' }], { origin });
    const sent = await settledSms(queued!.id);
    expect(twilio.earlyAnswers).toEqual([204]);
    expect(sent.providerMessageId).toBe(twilio.received.find((r) => r.to === to)!.sid);
    // The worker's every-minute job does this; called here so the test does not wait for it.
    await applyEarlyReports(t.db);
    expect((await sms(queued!.id)).events).toEqual([
      { kind: 'delivered', at: expect.any(String), detail: null, source: 'webhook:twilio' },
    ]);
    expect(events.filter((e) => e.origin.id === origin.id).map((e) => e.kind)).toEqual(['delivered']);
    const left = await t.db
      .select()
      .from(smsEarlyReports)
      .where(eq(smsEarlyReports.providerMessageId, sent.providerMessageId!));
    expect(left).toEqual([]);
    // Twilio retries its callbacks: the same report again records nothing more.
    expect(await twilio.report(sent.providerMessageId!, 'delivered')).toBe(204);
    expect((await sms(queued!.id)).events).toHaveLength(1);
  });

  it('records undelivered and failed reports with Twilio’s error code, and tells the origin', async () => {
    const origin = { kind: 'broadcast' as const, id: crypto.randomUUID() };
    const [a, b] = await enqueueSms(
      t.db,
      org.ctx,
      [
        { to: phone(), text: 'Premier' },
        { to: phone(), text: 'Second' },
      ],
      { origin },
    );
    const [sa, sb] = [await settledSms(a!.id), await settledSms(b!.id)];
    expect(
      await twilio.report(sa.providerMessageId!, 'undelivered', {
        ErrorCode: '30003',
        ErrorMessage: 'Unreachable destination handset',
      }),
    ).toBe(204);
    expect(await twilio.report(sb.providerMessageId!, 'failed', { ErrorCode: '30007' })).toBe(204);
    expect((await sms(a!.id)).events).toMatchObject([
      { kind: 'undelivered', detail: 'Twilio error 30003: Unreachable destination handset' },
    ]);
    expect((await sms(b!.id)).events).toMatchObject([{ kind: 'failed', detail: 'Twilio error 30007' }]);
    const notices = events.filter((e) => e.origin.id === origin.id);
    expect(notices.map((n) => [n.messageId, n.kind]).sort()).toEqual(
      [
        [a!.id, 'undelivered'],
        [b!.id, 'failed'],
      ].sort(),
    );
  });

  it('refuses a callback with a bad signature (403) or an unknown token (404) and records nothing', async () => {
    const id = await sendOne({ to: phone(), text: 'Signé' });
    const s = await settledSms(id);
    const statusUrl = twilioAccount.webhookUrls.status;
    const params = { MessageSid: s.providerMessageId!, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID };
    const forged = await fetch(statusUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl',
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe('forbidden');
    const unsigned = await fetch(statusUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    expect(unsigned.status).toBe(403);
    const wrongKey = await twilio.inbound(
      twilioAccount.webhookUrls.inbound,
      { From: phone(), To: '+15005550006', Body: 'STOP' },
      { signWith: 'another-token' },
    );
    expect(wrongKey).toBe(403);
    const unknown = await fetch(statusUrl.replace(/twilio\/[\w-]+\//, `twilio/${'x'.repeat(32)}/`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    expect(unknown.status).toBe(404);
    expect((await sms(id)).events).toEqual([]);
  });

  it('fails an invalid number at once with Twilio’s words (21211)', async () => {
    const to = '+33712345678';
    twilio.failFor.set(to, twilioErrors.invalidNumber(to));
    const id = await sendOne({ to, text: 'Numéro invalide' });
    const s = await settledSms(id);
    expect(s).toMatchObject({ status: 'failed', attempts: 1 });
    expect(s.lastError).toBe(
      `Twilio refused the message: The 'To' number ${to} is not a valid phone number. (error 21211): invalid phone number`,
    );
    const [attempt] = await t.db.select().from(messageAttempts).where(eq(messageAttempts.messageId, id));
    expect(attempt).toMatchObject({ outcome: 'permanent_failure', smtpCode: 400 });
  });

  it('retries 429 and 503 with backoff, then sends', async () => {
    twilio.failNext.push(twilioErrors.tooManyRequests, twilioErrors.unavailable);
    const to = phone();
    const id = await sendOne({ to, text: 'Après deux refus' });
    const s = await settledSms(id);
    expect(s).toMatchObject({ status: 'sent', attempts: 3 });
    const attempts = await t.db
      .select({
        outcome: messageAttempts.outcome,
        code: messageAttempts.smtpCode,
        error: messageAttempts.error,
      })
      .from(messageAttempts)
      .where(eq(messageAttempts.messageId, id))
      .orderBy(messageAttempts.number);
    expect(attempts).toEqual([
      {
        outcome: 'temporary_failure',
        code: 429,
        error: 'Twilio refused the message: Too Many Requests (error 20429)',
      },
      {
        outcome: 'temporary_failure',
        code: 503,
        error: 'Twilio refused the message: Service Unavailable (error 20503)',
      },
      { outcome: 'sent', code: null, error: null },
    ]);
    expect(twilio.received.filter((r) => r.to === to)).toHaveLength(1);
  });

  it('waits as long as Twilio’s Retry-After asks before trying a 429 again', async () => {
    // The library's RestException drops the answer's headers; the transport's httpClient reads it.
    twilio.failNext.push({ ...twilioErrors.tooManyRequests, retryAfter: '3600' });
    const to = phone();
    const before = Date.now();
    const id = await sendOne({ to, text: 'Plus tard, comme demandé' });
    const row = await waitFor(async () => {
      const [r] = await t.db
        .select({
          status: outboxMessages.status,
          attempts: outboxMessages.attempts,
          next: outboxMessages.nextAttemptAt,
        })
        .from(outboxMessages)
        .where(eq(outboxMessages.id, id));
      return r && r.attempts === 1 && r.status === 'queued' ? r : null;
    });
    // The outbox's own backoff here is seconds; the provider asked for an hour.
    expect(row.next!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(twilio.received.filter((r) => r.to === to)).toHaveLength(0);
    // Let it go now: it is sent once, on its second attempt.
    await t.db.update(outboxMessages).set({ nextAttemptAt: new Date() }).where(eq(outboxMessages.id, id));
    await sendDueMessages(t.db, [id], { boss: await getSenderBoss() });
    expect(await settledSms(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(twilio.received.filter((r) => r.to === to)).toHaveLength(1);
  });

  it('refuses a text over the account’s segment limit with a 400 that says why', async () => {
    const res = await callRoute(smsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { to: phone(), text: 'ê'.repeat(140) },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe(
      'Invalid SMS: text is 3 SMS segments (UCS-2, 140 characters), over the limit of 2 per message',
    );
    const notE164 = await callRoute(smsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { to: '0612345678', text: 'x' },
    });
    expect(notE164.status).toBe(400);
    expect(notE164.json.error.details[0].path).toBe('to');
  });

  it('a STOP reply opts the number out: later SMS to it are skipped with the reason, at enqueue and at claim', async () => {
    const to = phone();
    const origin = { kind: 'broadcast' as const, id: crypto.randomUUID() };
    // Enqueued before the STOP, due after it: the worker skips it when it claims it.
    const [early] = await enqueueSms(
      t.db,
      org.ctx,
      [{ to, text: 'Plus tard', sendAt: new Date(Date.now() + 1500) }],
      {
        origin,
      },
    );
    expect(
      await twilio.inbound(twilioAccount.webhookUrls.inbound, {
        From: to,
        To: '+15005550006',
        Body: ' Stop ',
      }),
    ).toBe(200);
    const [contact] = await t.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, org.id), eq(contacts.phone, to)));
    expect(contact?.smsOptOutAt).toBeInstanceOf(Date);
    expect(contact?.smsOptOutReason).toBe('Replied "Stop" to +15005550006');

    const skippedAtClaim = await settledSms(early!.id);
    expect(skippedAtClaim).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(skippedAtClaim.lastError).toMatch(
      new RegExp(`^Skipped: \\${to} opted out of SMS on .+ UTC \\(Replied "Stop" to \\+15005550006\\)$`),
    );
    const [later] = await enqueueSms(t.db, org.ctx, [{ to, text: 'Encore' }], { origin });
    const skippedAtEnqueue = await sms(later!.id);
    expect(skippedAtEnqueue.status).toBe('cancelled');
    expect(skippedAtEnqueue.lastError).toMatch(/^Skipped: .+ opted out of SMS/);
    expect(twilio.received.filter((r) => r.to === to)).toEqual([]);
    const heard = await waitFor(() => {
      const mine = settled.filter((s) => s.origin.id === origin.id);
      return mine.length === 2 ? mine : null;
    });
    expect(heard.map((h) => h.status)).toEqual(['cancelled', 'cancelled']);

    // START opts back in.
    expect(
      await twilio.inbound(twilioAccount.webhookUrls.inbound, {
        From: to,
        To: '+15005550006',
        Body: 'START',
      }),
    ).toBe(200);
    const id = await sendOne({ to, text: 'De retour' });
    expect(await settledSms(id)).toMatchObject({ status: 'sent' });
  });

  it('a number on the suppression list is not sent to, whether it was put there before or after the SMS was queued', async () => {
    const to = phone();
    const origin = { kind: 'broadcast' as const, id: crypto.randomUUID() };
    const [early] = await enqueueSms(
      t.db,
      org.ctx,
      [{ to, text: 'Plus tard', sendAt: new Date(Date.now() + 1500) }],
      { origin },
    );
    const added = await callRoute(suppressionsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { address: to, detail: 'asked by phone' },
    });
    expect(added.status).toBe(201);

    const skippedAtClaim = await settledSms(early!.id);
    expect(skippedAtClaim).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(skippedAtClaim.lastError).toBe(`Skipped: ${to} is on the suppression list (manual)`);
    const [later] = await enqueueSms(t.db, org.ctx, [{ to, text: 'Encore' }], { origin });
    expect(await sms(later!.id)).toMatchObject({
      status: 'cancelled',
      lastError: `Skipped: ${to} is on the suppression list (manual)`,
    });
    expect(twilio.received.filter((r) => r.to === to)).toEqual([]);
  });

  it('an unreachable API pauses the account and spends no attempt; it sends once the API is back', async () => {
    const port = Number(new URL(twilio.url).port);
    process.env.TWILIO_API_URL = 'http://127.0.0.1:1';
    resetEnvCache();
    const id = await sendOne({ to: phone(), text: 'Panne' });
    const waiting = await waitFor(async () => {
      const [a] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, twilioAccount.id));
      return a?.unreachableSince ? a : null;
    });
    expect(waiting.pauseReason).toMatch(/^The SMS provider could not be reached \(ECONNREFUSED\)/);
    expect(await sms(id)).toMatchObject({ status: 'queued', attempts: 0 });
    process.env.TWILIO_API_URL = `http://127.0.0.1:${port}`;
    resetEnvCache();
    expect(await settledSms(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('Brevo', () => {
  it('sends under the alphanumeric sender name, and its webhook events become events and opt-outs', async () => {
    const to = phone();
    const id = await sendOne({ to, text: 'Cantine fermée lundi.', smsAccountId: brevoAccount.id });
    const s = await settledSms(id);
    expect(s.status).toBe('sent');
    const received = brevo.received.find((r) => r.recipient === to.slice(1))!;
    expect(received).toMatchObject({
      sender: 'JulesFerry',
      content: 'Cantine fermée lundi.',
      type: 'transactional',
    });
    expect(received.webUrl).toBe(brevoAccount.webhookUrls.status);
    expect(s.providerMessageId).toBe(String(received.messageId));

    expect(await brevo.event(received.messageId, 'delivered')).toBe(200);
    expect(await brevo.event(received.messageId, 'hard_bounce', { reason: 'Number not in service' })).toBe(
      200,
    );
    expect((await sms(id)).events).toMatchObject([
      { kind: 'delivered', detail: null, source: 'webhook:brevo' },
      { kind: 'failed', detail: 'Brevo: hard_bounce (Number not in service)' },
    ]);

    expect(await brevo.event(received.messageId, 'replied', { reply: 'STOP' })).toBe(200);
    const [contact] = await t.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, org.id), eq(contacts.phone, to)));
    expect(contact?.smsOptOutReason).toBe('Replied "STOP"');

    const wrongToken = await fetch(
      brevoAccount.webhookUrls.status.replace(/brevo\/[\w-]+$/, `brevo/${'y'.repeat(32)}`),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messageId: received.messageId, msg_status: 'delivered' }),
      },
    );
    expect(wrongToken.status).toBe(404);
  });

  it('fails an invalid number with Brevo’s words; out of credits pauses the account without spending attempts', async () => {
    brevo.failNext.push({ status: 400, code: 'invalid_parameter', message: 'Invalid phone number' });
    const bad = await sendOne({ to: phone(), text: 'x', smsAccountId: brevoAccount.id });
    expect(await settledSms(bad)).toMatchObject({
      status: 'failed',
      lastError: 'Brevo refused the message: Invalid phone number (invalid_parameter)',
    });

    brevo.failNext.push({ status: 402, code: 'not_enough_credits', message: 'Not enough credits' });
    const held = await sendOne({ to: phone(), text: 'y', smsAccountId: brevoAccount.id });
    const account = await waitFor(async () => {
      const [a] = await t.db.select().from(senderAccounts).where(eq(senderAccounts.id, brevoAccount.id));
      return a?.pausedUntil ? a : null;
    });
    expect(account.pauseReason).toBe('Brevo refused the message: Not enough credits (not_enough_credits)');
    expect(await sms(held)).toMatchObject({ status: 'queued', attempts: 0 });
    const view = await callRoute(smsAccountById.GET, { apiKey: org.apiKey, params: { id: brevoAccount.id } });
    expect(view.json.smsAccount.pausedUntil).not.toBeNull();
  });
});

describe('storage', () => {
  it('keeps an SMS as a channel-agnostic delivery row and its content apart', async () => {
    const to = phone();
    const [x] = await enqueueSms(t.db, org.ctx, [{ to, text: 'Contenu €' }], {
      origin: { kind: 'api', id: null },
    });
    const [row] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.id, x!.id));
    expect(row).toMatchObject({ channel: 'sms', to: [{ address: to }], subject: '', text: null, html: null });
    const [content] = await t.db.select().from(outboxSms).where(eq(outboxSms.messageId, x!.id));
    expect(content).toMatchObject({ toPhone: to, text: 'Contenu €', segments: 1, encoding: 'GSM-7' });
    await settledSms(x!.id);
    const events = await t.db.select().from(deliveryEvents).where(eq(deliveryEvents.messageId, x!.id));
    expect(events).toEqual([]);
  });

  it('an idempotency key returns the first SMS; with another text or for an email it answers 409', async () => {
    const to = phone();
    const key = `sms-${crypto.randomUUID()}`;
    const origin = { kind: 'api' as const, id: null };
    const [first] = await enqueueSms(t.db, org.ctx, [{ to, text: 'Rappel', idempotencyKey: key }], {
      origin,
    });
    const [again] = await enqueueSms(t.db, org.ctx, [{ to, text: 'Rappel', idempotencyKey: key }], {
      origin,
    });
    expect(again!.id).toBe(first!.id);
    await expect(
      enqueueSms(t.db, org.ctx, [{ to, text: 'Autre chose', idempotencyKey: key }], { origin }),
    ).rejects.toMatchObject({ status: 409 });
    // The key space is the organisation's, whatever the channel: an email cannot take the SMS's key.
    await expect(
      enqueueMessage(t.db, org.ctx, { to: 'parent@example.test', text: 'Rappel', idempotencyKey: key }),
    ).rejects.toMatchObject({ status: 409 });
    const rows = await t.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orgId, org.id), eq(outboxMessages.idempotencyKey, key)));
    expect(rows.map((r) => r.id)).toEqual([first!.id]);
  });

  it('recovers an SMS a dead worker left in sending, and retention deletes finished SMS with their content', async () => {
    const to = phone();
    // A worker that claimed it and died: sending, lease run out, its attempt still open.
    const [x] = await enqueueSms(
      t.db,
      org.ctx,
      [{ to, text: 'Après la panne', sendAt: new Date(Date.now() + 60_000) }],
      {
        origin: { kind: 'api', id: null },
      },
    );
    await t.db.execute(sql`
      update outbox_messages set status = 'sending', attempts = 1, locked_by = 'dead-worker',
        locked_until = now() - interval '1 second', send_at = now()
      where id = ${x!.id}
    `);
    await t.db.insert(messageAttempts).values({
      messageId: x!.id,
      orgId: org.id,
      senderId: twilioAccount.id,
      number: 1,
      workerId: 'dead-worker',
    });
    const summary = await recoverStaleMessages(t.db, { boss: await getSenderBoss(), messageIds: [x!.id] });
    expect(summary.recovered).toBe(1);
    expect(await settledSms(x!.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(twilio.received.filter((r) => r.to === to)).toHaveLength(1);

    await t.db.execute(
      sql`update outbox_messages set finished_at = now() - interval '40 days' where id = ${x!.id}`,
    );
    expect(await deleteOldMessages(t.db, { days: 30 })).toBeGreaterThanOrEqual(1);
    expect(await t.db.select().from(outboxSms).where(eq(outboxSms.messageId, x!.id))).toEqual([]);
  });

  it('holds an SMS account to its rate limit and expires an SMS not sent in time', async () => {
    const limited = await callRoute(smsAccountsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: {
        name: 'Twilio (2 a minute)',
        provider: 'twilio',
        from: 'Ecole',
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        ratePerMinute: 2,
        isDefault: false,
      },
    });
    expect(limited.status, limited.text).toBe(201);
    const smsAccountId = limited.json.smsAccount.id as string;
    const ids = await enqueueSms(
      t.db,
      org.ctx,
      [1, 2, 3].map((n) => ({ to: phone(), text: `Limite ${n}`, smsAccountId })),
      { origin: { kind: 'api', id: null }, queue: 'bulk' },
    );
    const sent = await waitFor(async () => {
      const rows = await Promise.all(ids.map((x) => sms(x.id)));
      return rows.filter((r) => r.status === 'sent').length === 2 ? rows : null;
    });
    const waiting = sent.filter((r) => r.status !== 'sent');
    expect(waiting).toMatchObject([{ status: 'queued', attempts: 0 }]);
    const [row] = await t.db
      .select({ next: outboxMessages.nextAttemptAt })
      .from(outboxMessages)
      .where(eq(outboxMessages.id, ids[sent.indexOf(waiting[0]!)]!.id));
    expect(row!.next!.getTime()).toBeGreaterThan(Date.now() + 10_000);

    const [late] = await enqueueSms(
      t.db,
      org.ctx,
      [{ to: phone(), text: 'Trop tard', sendAt: new Date(Date.now() + 60_000) }],
      {
        origin: { kind: 'broadcast', id: crypto.randomUUID() },
      },
    );
    await t.db.execute(sql`
      update outbox_messages set send_at = now() - interval '2 minutes', expires_at = now() - interval '1 minute'
      where id = ${late!.id}
    `);
    const summary = await sendDueMessages(t.db, [late!.id], { boss: await getSenderBoss() });
    expect(summary.expired).toBe(1);
    expect((await sms(late!.id)).lastError).toMatch(/^Not sent before it expired at /);
    expect(settled.find((m) => m.id === late!.id)).toMatchObject({ channel: 'sms', status: 'expired' });
  });
});
