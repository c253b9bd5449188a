// What a scheduled message's user sees after it left, checked through REST against the local Twilio
// and Brevo servers and an SMTP sink: the SMS account chosen for the message is the one that sends
// (validated: this organisation's, an SMS account, able to send; its segment limit applies at save);
// mark-as-read takes only recipients the message was sent to (skipped and failed ones never got it),
// so reads never exceed what was sent; opens counted without a person are not people; and the
// message's status follows its recipients' delivery reports — failed once none of them received it.
process.env.LOG_LEVEL ??= 'warn';

import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cancelRoute from '@/app/api/v1/broadcasts/[id]/cancel/route';
import * as markReadRoute from '@/app/api/v1/broadcasts/[id]/mark-as-read/route';
import * as recipientsRoute from '@/app/api/v1/broadcasts/[id]/recipients/route';
import * as broadcastRoute from '@/app/api/v1/broadcasts/[id]/route';
import * as statsRoute from '@/app/api/v1/broadcasts/[id]/stats/route';
import * as previewRoute from '@/app/api/v1/broadcasts/preview/route';
import * as broadcastsRoute from '@/app/api/v1/broadcasts/route';
import * as periodStatsRoute from '@/app/api/v1/broadcasts/stats/route';
import * as contactRoute from '@/app/api/v1/contacts/[id]/route';
import * as contactsRoute from '@/app/api/v1/contacts/route';
import * as membersRoute from '@/app/api/v1/groups/[id]/members/route';
import * as groupsRoute from '@/app/api/v1/groups/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import * as senderRoute from '@/app/api/v1/senders/[id]/route';
import * as brevoHook from '@/app/api/v1/sms/brevo/[token]/route';
import * as twilioStatus from '@/app/api/v1/sms/twilio/[token]/status/route';
import * as smsAccountRoute from '@/app/api/v1/sms-accounts/[id]/route';
import * as smsAccountsRoute from '@/app/api/v1/sms-accounts/route';
import * as suppressionsRoute from '@/app/api/v1/suppressions/route';
import { processDueBroadcasts } from '@/lib/broadcasts/process-due-broadcasts';
import { organizations } from '@/lib/db/schema/orgs';
import { resetEnvCache } from '@/lib/env';
import { getSenderBoss } from '@/lib/jobs/boss';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { type BrevoServer, startBrevoServer } from '../helpers/brevo-server';
import { callRoute } from '../helpers/call-route';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { type RouteServer, startRouteServer } from '../helpers/route-server';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';
import { startTwilioServer, type TwilioServer, twilioErrors } from '../helpers/twilio-server';

const t = setupTestDatabase();
const ACCOUNT_SID = `AC${crypto.randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = crypto.randomBytes(16).toString('hex');
const BREVO_KEY = `xkeysib-${crypto.randomBytes(16).toString('hex')}`;
let twilio: TwilioServer;
let brevo: BrevoServer;
let hooks: RouteServer;
let sink: SmtpSink;

beforeAll(async () => {
  twilio = await startTwilioServer({ [ACCOUNT_SID]: AUTH_TOKEN });
  brevo = await startBrevoServer(BREVO_KEY);
  sink = await startSmtpSink({ auth: false, tls: false });
  hooks = await startRouteServer({
    '/api/v1/sms/twilio/:token/status': twilioStatus,
    '/api/v1/sms/brevo/:token': brevoHook,
  });
  Object.assign(process.env, {
    TWILIO_API_URL: twilio.url,
    BREVO_API_URL: brevo.url,
    MAILROOM_WEBHOOK_URL: hooks.url,
  });
  resetEnvCache();
});
afterAll(async () => {
  await closeSenderTransports();
  await Promise.all([twilio?.close(), brevo?.close(), hooks?.close(), sink?.close()]);
});

type School = { org: TestOrg; brevoId: string; twilioId: string; emailSenderId: string };

/** A school with an email sender, Brevo and Twilio as SMS accounts (Brevo the default, unless told). */
async function school(defaultSms: 'brevo' | 'twilio' = 'brevo'): Promise<School> {
  const org = await createTestOrg(t.db, 'École Jules Ferry');
  await t.db
    .update(organizations)
    .set({ country: 'FR', timeZone: 'Europe/Paris' })
    .where(eq(organizations.id, org.id));
  const sender = await createSinkSender(t.db, org.ctx, sink, {
    security: 'none',
    username: undefined,
    password: undefined,
    isDefault: true,
  });
  const account = async (body: Record<string, unknown>) => {
    const res = await callRoute(smsAccountsRoute.POST, { method: 'POST', apiKey: org.apiKey, body });
    expect(res.status, res.text).toBe(201);
    return res.json.smsAccount.id as string;
  };
  return {
    org,
    emailSenderId: sender.id,
    brevoId: await account({
      name: 'Brevo',
      provider: 'brevo',
      from: 'JulesFerry',
      apiKey: BREVO_KEY,
      isDefault: defaultSms === 'brevo',
    }),
    twilioId: await account({
      name: 'Twilio',
      provider: 'twilio',
      from: '+15005550006',
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      maxSegments: 1,
      isDefault: defaultSms === 'twilio',
    }),
  };
}

let phones = 0;
/** A French mobile number no other test of this file uses. */
const newPhone = () => `+3361234${String(7000 + phones++).padStart(4, '0')}`;

async function contact(s: School, body: Record<string, unknown>): Promise<string> {
  const res = await callRoute(contactsRoute.POST, { method: 'POST', apiKey: s.org.apiKey, body });
  expect(res.status, res.text).toBe(201);
  return res.json.contact.id;
}

async function group(s: School, contactIds: string[]): Promise<string> {
  const g = await callRoute(groupsRoute.POST, {
    method: 'POST',
    apiKey: s.org.apiKey,
    body: { name: `Classe ${crypto.randomUUID()}` },
  });
  await callRoute(membersRoute.POST, {
    method: 'POST',
    apiKey: s.org.apiKey,
    params: { id: g.json.group.id },
    body: { contactIds },
  });
  return g.json.group.id;
}

const create = (s: School, body: Record<string, unknown>) =>
  callRoute(broadcastsRoute.POST, { method: 'POST', apiKey: s.org.apiKey, body });

async function expandAndSend(s: School, id: string) {
  const done = await processDueBroadcasts(t.db, { orgId: s.org.id, broadcastId: id });
  expect(done).toHaveLength(1);
  await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 100, maxRuntimeMs: 30_000 });
}

type Recipient = {
  id: string;
  contactId: string;
  channel: string;
  address: string;
  status: string;
  reason: string | null;
  readAt: string | null;
};
async function recipients(s: School, id: string): Promise<Recipient[]> {
  return (await callRoute(recipientsRoute.GET, { apiKey: s.org.apiKey, params: { id } })).json.recipients;
}
const message = async (s: School, id: string) =>
  (await callRoute(broadcastRoute.GET, { apiKey: s.org.apiKey, params: { id } })).json.broadcast;
const stats = async (s: School, id: string) =>
  (await callRoute(statsRoute.GET, { apiKey: s.org.apiKey, params: { id } })).json.stats;
const markRead = (s: School, id: string, body: Record<string, unknown>) =>
  callRoute(markReadRoute.POST, { method: 'POST', apiKey: s.org.apiKey, params: { id }, body });
const twilioSid = (to: string) => twilio.received.find((r) => r.to === to)!.sid;

describe('the SMS account of a message', () => {
  it('is the one chosen, on create and on edit; the default otherwise', async () => {
    const s = await school();
    const ana = newPhone();
    const g = await group(s, [await contact(s, { firstName: 'Ana', phone: ana })]);
    const chosen = await create(s, {
      channels: ['sms'],
      groupIds: [g],
      content: 'Bonjour {firstName}, sortie vendredi.',
      smsAccountId: s.twilioId,
      draft: true,
    });
    expect(chosen.status, chosen.text).toBe(201);
    expect(chosen.json.broadcast.smsAccountId).toBe(s.twilioId);
    const id = chosen.json.broadcast.id as string;
    const scheduled = await callRoute(broadcastRoute.PATCH, {
      method: 'PATCH',
      apiKey: s.org.apiKey,
      params: { id },
      body: { draft: false },
    });
    expect(scheduled.json.broadcast).toMatchObject({ status: 'scheduled', smsAccountId: s.twilioId });
    await expandAndSend(s, id);
    // Twilio got it, Brevo (the default) did not.
    expect(twilio.received.filter((r) => r.to === ana).map((r) => r.body)).toEqual([
      'Bonjour Ana, sortie vendredi.',
    ]);
    expect(brevo.received.filter((r) => `+${r.recipient}` === ana)).toEqual([]);

    // Back to the default with null.
    const ben = newPhone();
    const g2 = await group(s, [await contact(s, { firstName: 'Ben', phone: ben })]);
    const other = await create(s, {
      channels: ['sms'],
      groupIds: [g2],
      content: 'Bonjour {firstName}.',
      smsAccountId: s.twilioId,
      draft: true,
    });
    const edited = await callRoute(broadcastRoute.PATCH, {
      method: 'PATCH',
      apiKey: s.org.apiKey,
      params: { id: other.json.broadcast.id },
      body: { smsAccountId: null, draft: false },
    });
    expect(edited.json.broadcast.smsAccountId).toBeNull();
    await expandAndSend(s, other.json.broadcast.id);
    expect(brevo.received.filter((r) => `+${r.recipient}` === ben).map((r) => r.content)).toEqual([
      'Bonjour Ben.',
    ]);
    expect(twilio.received.filter((r) => r.to === ben)).toEqual([]);
  });

  it('cannot be deleted while a scheduled message will send from it (nor its email sender); cancelled, they can', async () => {
    const s = await school();
    const g = await group(s, [
      await contact(s, { firstName: 'Ana', phone: newPhone(), email: 'ana@example.org' }),
    ]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const made = await create(s, {
      channels: ['email', 'sms'],
      groupIds: [g],
      subject: 'Demain',
      content: 'Sortie demain.',
      senderId: s.emailSenderId,
      smsAccountId: s.twilioId,
      scheduledAt: tomorrow,
    });
    expect(made.status, made.text).toBe(201);
    expect(made.json.broadcast.status).toBe('scheduled');
    const deleteSms = () =>
      callRoute(smsAccountRoute.DELETE, {
        method: 'DELETE',
        apiKey: s.org.apiKey,
        params: { id: s.twilioId },
      });
    const deleteSender = () =>
      callRoute(senderRoute.DELETE, {
        method: 'DELETE',
        apiKey: s.org.apiKey,
        params: { id: s.emailSenderId },
      });
    for (const refused of [await deleteSms(), await deleteSender()]) {
      expect(refused.status, refused.text).toBe(409);
      expect(refused.json.error.message).toBe(
        '1 scheduled message is to be sent from this account: choose another account for it, or cancel it, first.',
      );
      expect(refused.json.error.details).toEqual({ scheduledMessages: 1 });
    }
    const cancelled = await callRoute(cancelRoute.POST, {
      method: 'POST',
      apiKey: s.org.apiKey,
      params: { id: made.json.broadcast.id },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect((await deleteSms()).status).toBeLessThan(300);
    expect((await deleteSender()).status).toBeLessThan(300);
  });

  it('is refused with a 400 naming smsAccountId unless it is this organisation’s, an SMS account, and can send', async () => {
    const s = await school();
    const elsewhere = await school();
    const g = await group(s, [await contact(s, { firstName: 'Ana', phone: newPhone() })]);
    const deleted = await callRoute(smsAccountsRoute.POST, {
      method: 'POST',
      apiKey: s.org.apiKey,
      body: { name: 'Old', provider: 'brevo', from: 'OldSender', apiKey: BREVO_KEY },
    });
    const removed = await callRoute(smsAccountRoute.DELETE, {
      method: 'DELETE',
      apiKey: s.org.apiKey,
      params: { id: deleted.json.smsAccount.id },
    });
    expect(removed.status, removed.text).toBeLessThan(300);
    const cases: [string, string][] = [
      [elsewhere.twilioId, 'is not an SMS account of this organisation'],
      [deleted.json.smsAccount.id, 'is not an SMS account of this organisation'],
      [crypto.randomUUID(), 'is not an SMS account of this organisation'],
      [s.emailSenderId, 'is an email sender account, not an SMS account'],
    ];
    for (const [smsAccountId, why] of cases) {
      const res = await create(s, { channels: ['sms'], groupIds: [g], content: 'Bonjour', smsAccountId });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.details).toEqual([{ path: 'smsAccountId', message: why }]);
      const preview = await callRoute(previewRoute.POST, {
        method: 'POST',
        apiKey: s.org.apiKey,
        body: { channels: ['sms'], groupIds: [g], content: 'Bonjour', smsAccountId },
      });
      expect(preview.status).toBe(400);
      expect(preview.json.error.details).toEqual([{ path: 'smsAccountId', message: why }]);
    }
    const notUuid = await create(s, {
      channels: ['sms'],
      groupIds: [g],
      content: 'Bonjour',
      smsAccountId: 'twilio',
    });
    expect(notUuid.status).toBe(400);
    expect(notUuid.json.error.details[0].path).toBe('smsAccountId');
    // Nor is an SMS account an email sender.
    const smsAsSender = await create(s, {
      channels: ['email'],
      groupIds: [g],
      subject: 'S',
      content: 'Bonjour',
      senderId: s.twilioId,
    });
    expect(smsAsSender.status).toBe(400);
    expect(smsAsSender.json.error.details).toEqual([
      { path: 'senderId', message: 'is not a sender account of this organisation' },
    ]);
    // An account that a scheduled message names cannot be deleted: see the test above.
  });

  it('sets the segment limit checked at save and shown while typing', async () => {
    const s = await school();
    const g = await group(s, [await contact(s, { firstName: 'Ana', phone: newPhone() })]);
    const long = 'Bonjour, la sortie scolaire a lieu vendredi. '.repeat(4); // 180 characters: 2 segments
    const preview = (smsAccountId?: string) =>
      callRoute(previewRoute.POST, {
        method: 'POST',
        apiKey: s.org.apiKey,
        body: { channels: ['sms'], groupIds: [g], content: long, ...(smsAccountId ? { smsAccountId } : {}) },
      });
    expect((await preview()).json.preview.smsLength).toMatchObject({ segments: 2, maxSegments: 6 });
    expect((await preview(s.twilioId)).json.preview.smsLength).toMatchObject({ segments: 2, maxSegments: 1 });
    const refused = await create(s, {
      channels: ['sms'],
      groupIds: [g],
      content: long,
      smsAccountId: s.twilioId,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details).toEqual([
      {
        path: 'content',
        message:
          'is 2 SMS segments (GSM-7, 180 characters), over the limit of 1 per message of the SMS account',
      },
    ]);
    expect((await create(s, { channels: ['sms'], groupIds: [g], content: long })).status).toBe(201);
  });
});

/** An email to the whole group ("Bonjour {firstName}."), created and expanded now. */
async function emailGroupNow(s: School, groupId: string) {
  const created = await create(s, {
    channels: ['email'],
    groupIds: [groupId],
    subject: 'Sortie',
    content: 'Bonjour {firstName}.',
  });
  const id = created.json.broadcast.id as string;
  return { id, expanded: await processDueBroadcasts(t.db, { orgId: s.org.id, broadcastId: id }) };
}

describe('reads and statuses after sending', () => {
  it('marks read only recipients the message was sent to, and says why for the others', async () => {
    const s = await school('twilio');
    const [sent, optedOut, refused] = [newPhone(), newPhone(), newPhone()];
    const ana = await contact(s, { firstName: 'Ana', phone: sent, email: 'ana@read.example' });
    const ben = await contact(s, { firstName: 'Ben', phone: optedOut, smsOptOut: { reason: 'asked' } });
    const cleo = await contact(s, { firstName: 'Cléo', phone: refused });
    twilio.failFor.set(refused, twilioErrors.invalidNumber(refused));
    const g = await group(s, [ana, ben, cleo]);
    const created = await create(s, {
      channels: ['email', 'sms'],
      groupIds: [g],
      subject: 'Sortie',
      content: 'Bonjour {firstName}, sortie vendredi.',
    });
    const id = created.json.broadcast.id as string;
    await expandAndSend(s, id);
    const rows = await recipients(s, id);
    const row = (contactId: string, channel: string) =>
      rows.find((r) => r.contactId === contactId && r.channel === channel)!;
    expect(row(ben, 'sms').status).toBe('skipped');
    expect(row(cleo, 'sms').status).toBe('failed');
    expect(row(ana, 'sms').status).toBe('sent');
    expect(row(ana, 'email').status).toBe('sent');

    // A skipped recipient never got it: 409, saying why, nothing marked.
    const skipped = await markRead(s, id, { recipientId: row(ben, 'sms').id });
    expect(skipped.status, skipped.text).toBe(409);
    expect(skipped.json.error.message).toMatch(
      /^Not marked as read: this recipient was skipped: it was never sent to \(opted-out: /,
    );
    expect(skipped.json.error.details.notReceived).toEqual([
      { recipientId: row(ben, 'sms').id, channel: 'sms', status: 'skipped', reason: row(ben, 'sms').reason },
    ]);
    // A failed one neither (by contact: all its rows failed).
    const failed = await markRead(s, id, { contactId: cleo });
    expect(failed.status).toBe(409);
    expect(failed.json.error.message).toContain('failed: it never received the message');
    // A contact with an email sent and an SMS sent: both marked.
    expect((await markRead(s, id, { contactId: ana })).json).toEqual({ marked: 2, notReceived: [] });

    const after = await recipients(s, id);
    expect(
      after
        .filter((r) => r.readAt !== null)
        .map((r) => [r.contactId, r.channel])
        .sort(),
    ).toEqual(
      [
        [ana, 'email'],
        [ana, 'sms'],
      ].sort(),
    );
    const st = await stats(s, id);
    expect(st.sms).toMatchObject({ recipients: 3, sent: 1, failed: 1, skipped: 1, readHuman: 1 });
    expect(st.email).toMatchObject({ recipients: 1, sent: 1, readHuman: 1 });
  });

  it('follows delivery reports: a read SMS reported undelivered is no longer read; none left received → failed', async () => {
    const s = await school('twilio');
    const [a, b] = [newPhone(), newPhone()];
    const ana = await contact(s, { firstName: 'Ana', phone: a });
    const ben = await contact(s, { firstName: 'Ben', phone: b });
    const created = await create(s, {
      channels: ['sms'],
      groupIds: [await group(s, [ana, ben])],
      content: 'Bonjour {firstName}.',
    });
    const id = created.json.broadcast.id as string;
    await expandAndSend(s, id);
    expect((await message(s, id)).status).toBe('sent');
    expect((await markRead(s, id, { contactId: ana })).json.marked).toBe(1);

    // Ana's is reported undelivered: she is failed, the message stays sent (Ben's went through), and
    // the read no longer counts — read never exceeds sent.
    const undelivered = { ErrorCode: '30003', ErrorMessage: 'Unreachable destination handset' };
    expect(await twilio.report(twilioSid(a), 'undelivered', undelivered)).toBe(204);
    let m = await message(s, id);
    expect(m).toMatchObject({ status: 'sent', failureReason: null });
    let st = await stats(s, id);
    expect(st.sms).toMatchObject({ recipients: 2, sent: 1, failed: 1, readHuman: 0, delivered: 0 });
    // Ben's is delivered, then reported undelivered too (as a handset can be, later): none received it.
    expect(await twilio.report(twilioSid(b), 'delivered')).toBe(204);
    expect((await stats(s, id)).sms).toMatchObject({ sent: 1, delivered: 1 });
    expect(await twilio.report(twilioSid(b), 'undelivered', undelivered)).toBe(204);
    m = await message(s, id);
    expect(m.status).toBe('failed');
    expect(m.failureReason).toBe('undelivered: Twilio error 30003: Unreachable destination handset');
    st = await stats(s, id);
    expect(st.sms).toMatchObject({ recipients: 2, sent: 0, delivered: 0, failed: 2, readHuman: 0 });
    const period = (await callRoute(periodStatsRoute.GET, { apiKey: s.org.apiKey })).json.stats;
    expect(period.totals).toEqual(st);
    // A report about a row that is not sent changes nothing (a repeat, here).
    expect(await twilio.report(twilioSid(b), 'failed', { ErrorCode: '30007' })).toBe(204);
    expect((await message(s, id)).failureReason).toBe(
      'undelivered: Twilio error 30003: Unreachable destination handset',
    );
  });

  it('a message whose every recipient failed at sending says why, in the recipients’ words', async () => {
    const s = await school('twilio');
    const [a, b] = [newPhone(), newPhone()];
    for (const p of [a, b]) twilio.failFor.set(p, twilioErrors.invalidNumber(p));
    const created = await create(s, {
      channels: ['sms'],
      groupIds: [
        await group(s, [
          await contact(s, { firstName: 'Ana', phone: a }),
          await contact(s, { firstName: 'Ben', phone: b }),
        ]),
      ],
      content: 'Bonjour.',
    });
    const id = created.json.broadcast.id as string;
    await expandAndSend(s, id);
    const m = await message(s, id);
    expect(m.status).toBe('failed');
    expect(m.failureReason).toMatch(
      /^undelivered: none of the 2 recipients received it \(.*is not a valid phone number.*, …\)$/,
    );
  });

  it('a group member whose address is on the suppression list is skipped, and the message still ends', async () => {
    const s = await school('twilio');
    const ana = await contact(s, { firstName: 'Ana', email: 'ana@suppressed.example' });
    const ben = await contact(s, { firstName: 'Ben', email: 'ben@suppressed.example' });
    const cleo = await contact(s, { firstName: 'Cléo', email: 'cleo@suppressed.example' });
    const suppress = async (address: string) => {
      const added = await callRoute(suppressionsRoute.POST, {
        method: 'POST',
        apiKey: s.org.apiKey,
        body: { address, reason: 'hard-bounce' },
      });
      expect(added.status, added.text).toBe(201);
    };
    await suppress('ben@suppressed.example');
    const groupId = await group(s, [ana, ben, cleo]);
    // The count before sending leaves Ben out, and says why.
    const preview = await callRoute(previewRoute.POST, {
      method: 'POST',
      apiKey: s.org.apiKey,
      body: { channels: ['email'], groupIds: [groupId], subject: 'Sortie', content: 'Bonjour {firstName}.' },
    });
    expect(preview.json.preview).toMatchObject({
      contacts: 3,
      email: 2,
      skipped: { optedOut: 0, noAddress: 0, missingValue: 0, suppressed: 1 },
    });
    const { id, expanded } = await emailGroupNow(s, groupId);
    expect(expanded).toMatchObject([{ id, status: 'pending', email: 2, skipped: 1 }]);
    // Cléo's address is suppressed after the expansion, before her email leaves.
    await suppress('cleo@suppressed.example');
    await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 100, maxRuntimeMs: 30_000 });
    expect(sink.received.filter((m) => m.to.includes('ana@suppressed.example'))).toHaveLength(1);
    for (const who of ['ben', 'cleo'])
      expect(sink.received.filter((m) => m.to.includes(`${who}@suppressed.example`))).toHaveLength(0);
    const rows = await recipients(s, id);
    for (const [who, address] of [
      [ben, 'ben@suppressed.example'],
      [cleo, 'cleo@suppressed.example'],
    ])
      expect(rows.find((r) => r.contactId === who)).toMatchObject({
        status: 'skipped',
        reason: `suppressed: ${address}: hard-bounce`,
      });
    expect((await message(s, id)).status).toBe('sent');
    expect((await stats(s, id)).email).toMatchObject({ recipients: 3, sent: 1, skipped: 2, pending: 0 });
  });

  it('a contact who opts out of email after the expansion is skipped, not sent to', async () => {
    const s = await school('twilio');
    const ana = await contact(s, { firstName: 'Ana', email: 'ana@opts-out.example' });
    const ben = await contact(s, { firstName: 'Ben', email: 'ben@opts-out.example' });
    const groupId = await group(s, [ana, ben]);
    const { id, expanded } = await emailGroupNow(s, groupId);
    expect(expanded).toMatchObject([{ id, status: 'pending', email: 2, skipped: 0 }]);
    // Ben opts out (say, through the previous message's unsubscribe link) before his email leaves.
    const optOut = await callRoute(contactRoute.PATCH, {
      method: 'PATCH',
      apiKey: s.org.apiKey,
      params: { id: ben },
      body: { emailOptOut: { reason: 'asked the office' } },
    });
    expect(optOut.status, optOut.text).toBe(200);
    await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 100, maxRuntimeMs: 30_000 });
    expect(sink.received.filter((m) => m.to.includes('ana@opts-out.example'))).toHaveLength(1);
    expect(sink.received.filter((m) => m.to.includes('ben@opts-out.example'))).toHaveLength(0);
    const row = (await recipients(s, id)).find((r) => r.contactId === ben);
    expect(row?.status).toBe('skipped');
    expect(row?.reason).toMatch(
      /^opted-out: Skipped: ben@opts-out\.example opted out of email on .+ UTC \(asked the office\)$/,
    );
    expect((await message(s, id)).status).toBe('sent');
    expect((await stats(s, id)).email).toMatchObject({ recipients: 2, sent: 1, skipped: 1, pending: 0 });
  });
});

describe('the OpenAPI document', () => {
  it('describes smsAccountId, the preview’s segment limit, mark-as-read’s 409 and the opens', async () => {
    const { json: doc } = await callRoute(openapiRoute.GET);
    const body = (path: string, method: string) =>
      doc.paths[path][method].requestBody.content['application/json'].schema;
    expect(body('/api/v1/broadcasts', 'post').properties.smsAccountId).toBeDefined();
    expect(body('/api/v1/broadcasts/{id}', 'patch').properties.smsAccountId).toBeDefined();
    expect(body('/api/v1/broadcasts/preview', 'post').properties.smsAccountId).toBeDefined();
    const read = doc.paths['/api/v1/broadcasts/{id}/mark-as-read'].post.responses;
    expect(read['409']).toBeDefined();
    expect(read['200'].content['application/json'].schema.properties.notReceived).toBeDefined();
    const text = JSON.stringify(doc.paths['/api/v1/broadcasts/{id}/stats']);
    expect(text).toContain('opensHuman');
    expect(JSON.stringify(doc.paths['/api/v1/broadcasts/preview'])).toContain('maxSegments');
  });
});
