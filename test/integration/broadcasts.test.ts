// Scheduled messages to contacts and groups, below the browser: REST → the schedule job run with a
// controlled "now" (groups expanded as they are then) → the outbox → a real SMTP sink. Opt-outs
// and group changes between scheduling and the due time, DST in Europe/Paris, expiry, edit and
// cancel, the open pixel (human, machine, aggregate only), one-click unsubscribe, statistics.
process.env.LOG_LEVEL ??= 'warn';

import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as cancelRoute from '@/app/api/v1/broadcasts/[id]/cancel/route';
import * as markReadRoute from '@/app/api/v1/broadcasts/[id]/mark-as-read/route';
import * as recipientsRoute from '@/app/api/v1/broadcasts/[id]/recipients/route';
import * as broadcastRoute from '@/app/api/v1/broadcasts/[id]/route';
import * as statsRoute from '@/app/api/v1/broadcasts/[id]/stats/route';
import * as previewRoute from '@/app/api/v1/broadcasts/preview/route';
import * as processRoute from '@/app/api/v1/broadcasts/process-scheduled/route';
import * as broadcastsRoute from '@/app/api/v1/broadcasts/route';
import * as settingsRoute from '@/app/api/v1/broadcasts/settings/route';
import * as periodStatsRoute from '@/app/api/v1/broadcasts/stats/route';
import * as contactRoute from '@/app/api/v1/contacts/[id]/route';
import * as contactsRoute from '@/app/api/v1/contacts/route';
import * as membersRoute from '@/app/api/v1/groups/[id]/members/route';
import * as groupsRoute from '@/app/api/v1/groups/route';
import * as pixelRoute from '@/app/t/[token]/route';
import * as unsubscribeRoute from '@/app/unsubscribe/[token]/route';
import { processDueBroadcasts } from '@/lib/broadcasts/process-due-broadcasts';
import { broadcastRecipients, broadcasts } from '@/lib/db/schema/broadcasts';
import { contacts } from '@/lib/db/schema/contacts';
import { organizations } from '@/lib/db/schema/orgs';
import { runs } from '@/lib/db/schema/progress';
import { getSenderBoss } from '@/lib/jobs/boss';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { callRoute } from '../helpers/call-route';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { createSinkSender } from '../helpers/outbox';
import { setupSink } from '../helpers/sink-and-worker';
import type { SmtpSink } from '../helpers/smtp-sink';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let sink: SmtpSink;
setupSink({ auth: false, tls: false }, (s) => {
  sink = s;
  sink.rules.set('refused@school.example', { reply: '550 mailbox unavailable' });
});

async function schoolOrg(): Promise<TestOrg> {
  const org = await createTestOrg(t.db);
  await t.db
    .update(organizations)
    .set({ timeZone: 'Europe/Paris', country: 'FR' })
    .where(eq(organizations.id, org.id));
  await createSinkSender(t.db, org.ctx, sink, {
    security: 'none',
    username: undefined,
    password: undefined,
    isDefault: true,
  });
  return org;
}

async function contact(org: TestOrg, body: Record<string, unknown>): Promise<string> {
  const res = await callRoute(contactsRoute.POST, { method: 'POST', apiKey: org.apiKey, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.contact.id;
}

async function group(org: TestOrg, name: string, contactIds: string[]): Promise<string> {
  const res = await callRoute(groupsRoute.POST, { method: 'POST', apiKey: org.apiKey, body: { name } });
  expect(res.status).toBe(201);
  const id = res.json.group.id;
  if (contactIds.length) {
    const added = await callRoute(membersRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id },
      body: { contactIds },
    });
    expect(added.status).toBe(200);
  }
  return id;
}

function create(org: TestOrg, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return callRoute(broadcastsRoute.POST, { method: 'POST', apiKey: org.apiKey, body, headers });
}

async function sendAll() {
  await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 100, maxRuntimeMs: 30_000 });
}

function receivedBy(address: string) {
  return sink.received.filter((m) => m.to.includes(address));
}

/** A header as it travelled (unfolded), or null. */
function rawHeader(raw: Buffer, name: string): string | null {
  const head = raw
    .toString()
    .split(/\r?\n\r?\n/)[0]!
    .replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

/** A wall-clock time in Paris, `days` from today, as the compose form sends it. */
function parisLocal(days: number, time: string): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${time}`;
}

describe('a group message scheduled for later', () => {
  it('reaches the group as it is at the due time: members added meanwhile in, opted out skipped', async () => {
    const org = await schoolOrg();
    const alice = await contact(org, {
      firstName: 'Alice',
      lastName: 'Martin',
      email: 'alice@school.example',
      customFields: { childName: 'Hugo' },
    });
    const bob = await contact(org, {
      firstName: 'Bob',
      lastName: 'Durand',
      email: 'bob@school.example',
      customFields: { childName: 'Léa' },
    });
    const carol = await contact(org, {
      firstName: 'Carol',
      email: 'carol@school.example',
      emailOptOut: { reason: 'moved away' },
      customFields: { childName: 'Jo' },
    });
    // No child's name: refused for this recipient, with the reason.
    const dan = await contact(org, { firstName: 'Dan', email: 'dan@school.example' });
    const phoneOnly = await contact(org, {
      firstName: 'Phil',
      phone: '06 12 34 56 78',
      customFields: { childName: 'Max' },
    });
    const klass = await group(org, 'CM2 A', [alice, bob, carol, dan, phoneOnly]);

    const scheduledAt = parisLocal(2, '18:00');
    const created = await create(org, {
      channels: ['email'],
      groupIds: [klass],
      subject: 'Réunion pour {childName}',
      content: 'Bonjour {firstName},\nla réunion de la classe de {childName} a lieu demain.',
      scheduledAt,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const b = created.json.broadcast;
    expect(b.status).toBe('scheduled');
    // Entered in Paris, stored in UTC (18:00 in Paris is 17:00Z in winter).
    expect(new Date(b.scheduledAt).toISOString()).toBe(`${scheduledAt.slice(0, 10)}T17:00:00.000Z`);

    // Between scheduling and the due time: Erin joins the class, Bob opts out.
    const erin = await contact(org, {
      firstName: 'Erin',
      email: 'erin@school.example',
      customFields: { childName: 'Zoé' },
      language: 'fr',
    });
    await callRoute(membersRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: klass },
      body: { contactIds: [erin] },
    });
    await callRoute(contactRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: bob },
      body: { emailOptOut: { reason: 'asked by phone' } },
    });

    // Not yet due: nothing happens.
    expect(
      await processDueBroadcasts(t.db, { now: new Date(Date.parse(b.scheduledAt) - 60_000), orgId: org.id }),
    ).toEqual([]);
    const done = await processDueBroadcasts(t.db, {
      now: new Date(Date.parse(b.scheduledAt) + 1000),
      orgId: org.id,
    });
    expect(done).toEqual([{ id: b.id, status: 'pending', email: 2, sms: 0, skipped: 4 }]);
    // Processing again finds nothing: once each.
    expect(
      await processDueBroadcasts(t.db, { now: new Date(Date.parse(b.scheduledAt) + 2000), orgId: org.id }),
    ).toEqual([]);

    const listed = await callRoute(recipientsRoute.GET, {
      apiKey: org.apiKey,
      params: { id: b.id },
      path: '/api/v1/broadcasts/x/recipients',
    });
    const byName = Object.fromEntries(
      (listed.json.recipients as { name: string; status: string; reason: string | null }[]).map((r) => [
        r.name,
        [r.status, r.reason],
      ]),
    );
    expect(byName).toEqual({
      'Alice Martin': ['pending', null],
      Erin: ['pending', null],
      'Bob Durand': ['skipped', 'opted-out: opted out of email (asked by phone)'],
      Carol: ['skipped', 'opted-out: opted out of email (moved away)'],
      Dan: ['skipped', 'missing-value: no value for {childName}'],
      Phil: ['skipped', 'no-address: no email address'],
    });

    await sendAll();
    expect(receivedBy('alice@school.example')).toHaveLength(1);
    expect(receivedBy('erin@school.example')).toHaveLength(1);
    for (const who of ['bob', 'carol', 'dan']) expect(receivedBy(`${who}@school.example`)).toHaveLength(0);

    const mail = await sink.parse(receivedBy('alice@school.example')[0]!);
    expect(mail.subject).toBe('Réunion pour Hugo');
    expect(mail.text).toContain('Bonjour Alice,\nla réunion de la classe de Hugo a lieu demain.');
    const raw = receivedBy('alice@school.example')[0]!.raw;
    expect(rawHeader(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /<([^>]+)>/.exec(rawHeader(raw, 'List-Unsubscribe')!)![1]!;
    expect(unsubscribeUrl).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    // The link names no address and no id.
    expect(unsubscribeUrl).not.toContain('alice');
    expect(unsubscribeUrl).not.toContain(alice);

    const [after] = await t.db.select().from(broadcasts).where(eq(broadcasts.id, b.id));
    expect(after!.status).toBe('sent');
    const [run] = await t.db.select().from(runs).where(eq(runs.id, after!.runId!));
    expect(run).toMatchObject({ status: 'completed', total: 2, succeeded: 2 });

    const stats = await callRoute(statsRoute.GET, { apiKey: org.apiKey, params: { id: b.id } });
    expect(stats.json.stats.email).toMatchObject({
      recipients: 6,
      sent: 2,
      failed: 0,
      skipped: 4,
      pending: 0,
    });

    // Period statistics count the same.
    const day = scheduledAt.slice(0, 10);
    const period = await callRoute(periodStatsRoute.GET, {
      apiKey: org.apiKey,
      path: `/api/v1/broadcasts/stats?from=${day}&to=${day}`,
    });
    expect(period.json.stats.totals.email).toMatchObject({ recipients: 6, sent: 2, skipped: 4 });
    expect(period.json.stats.messages).toBe(1);
  });

  it('says how many get each channel before sending, and refuses an unknown variable with its field', async () => {
    const org = await schoolOrg();
    const a = await contact(org, { firstName: 'A', email: 'a@school.example', phone: '0611111111' });
    const p = await contact(org, { firstName: 'P', phone: '0622222222' });
    const e = await contact(org, { firstName: 'E', email: 'e@school.example', emailOptOut: { reason: '' } });
    const g = await group(org, 'All', [a, p, e]);
    const preview = await callRoute(previewRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { channels: ['email', 'sms'], groupIds: [g], content: 'Hi {firstName} {nickname}' },
    });
    expect(preview.json.preview).toEqual({
      contacts: 3,
      email: 1,
      sms: 2,
      skipped: { optedOut: 1, noAddress: 0, missingValue: 0, suppressed: 0 },
      unknownVariables: ['nickname'],
      // As typed; no STOP mention is set (broadcast-stop-mention.test.ts has one).
      smsLength: { segments: 1, encoding: 'GSM-7', characters: 25, stopMention: null, maxSegments: 6 },
    });

    const refused = await create(org, {
      channels: ['email'],
      groupIds: [g],
      subject: 'Hello',
      content: 'Hi {nickname}',
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details).toEqual([
      {
        path: 'content',
        message: 'uses {nickname}, which is neither a contact field nor a custom field of your contacts',
      },
    ]);
    const noSubject = await create(org, { channels: ['email'], groupIds: [g], content: 'Hi' });
    expect(noSubject.json.error.details).toEqual([{ path: 'subject', message: 'is required for email' }]);
  });
});

describe('time in Europe/Paris', () => {
  it('refuses a time in the spring-forward gap and stores the others in UTC across both changes', async () => {
    const org = await schoolOrg();
    const a = await contact(org, { firstName: 'A', email: 'a@dst.example' });
    const base = { channels: ['email'], contactIds: [a], subject: 'S', content: 'C' };
    // 28 March 2027: clocks go from 02:00 to 03:00.
    const gap = await create(org, { ...base, scheduledAt: '2027-03-28T02:30' });
    expect(gap.status).toBe(400);
    expect(gap.json.error.details[0].path).toBe('scheduledAt');
    expect(gap.json.error.details[0].message).toContain('does not exist in Europe/Paris');

    const cases: [string, string][] = [
      ['2027-03-27T18:00', '2027-03-27T17:00:00.000Z'], // the day before, winter time
      ['2027-03-28T01:30', '2027-03-28T00:30:00.000Z'],
      ['2027-03-28T03:30', '2027-03-28T01:30:00.000Z'], // summer time from 03:00
      ['2027-10-30T18:00', '2027-10-30T16:00:00.000Z'], // the day before clocks go back
      ['2027-10-31T02:30', '2027-10-31T00:30:00.000Z'], // happens twice: the first
      ['2027-10-31T18:00', '2027-10-31T17:00:00.000Z'],
    ];
    for (const [local, utc] of cases) {
      const res = await create(org, { ...base, scheduledAt: local });
      expect(res.status, local).toBe(201);
      expect(new Date(res.json.broadcast.scheduledAt).toISOString(), local).toBe(utc);
    }
    // An offset given is taken as is.
    const withOffset = await create(org, { ...base, scheduledAt: '2027-03-28T02:30:00+02:00' });
    expect(new Date(withOffset.json.broadcast.scheduledAt).toISOString()).toBe('2027-03-28T00:30:00.000Z');
  });
});

describe('until it is due', () => {
  it('can be edited and cancelled; once expanded it cannot; past its expiry it fails with the reason', async () => {
    const org = await schoolOrg();
    const a = await contact(org, { firstName: 'A', email: 'edit@school.example' });
    const base = { channels: ['email'], contactIds: [a], subject: 'First', content: 'Hello {firstName}' };
    const one = (await create(org, { ...base, scheduledAt: parisLocal(3, '09:00') })).json.broadcast;
    const edited = await callRoute(broadcastRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: one.id },
      body: { subject: 'Second', scheduledAt: parisLocal(3, '10:00') },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.broadcast.subject).toBe('Second');
    const cancelled = await callRoute(cancelRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: one.id },
    });
    expect(cancelled.json.broadcast.status).toBe('cancelled');
    expect(
      await processDueBroadcasts(t.db, { now: new Date(Date.now() + 5 * 86_400_000), orgId: org.id }),
    ).toEqual([]);

    // Expiry: not expanded by expiresAt → failed, with the reason.
    const late = (
      await create(org, {
        ...base,
        scheduledAt: parisLocal(1, '09:00'),
        expiresAt: parisLocal(1, '10:00'),
      })
    ).json.broadcast;
    const [expired] = await processDueBroadcasts(t.db, {
      now: new Date(Date.parse(late.expiresAt) + 1),
      orgId: org.id,
    });
    expect(expired).toMatchObject({ id: late.id, status: 'failed' });
    const got = await callRoute(broadcastRoute.GET, { apiKey: org.apiKey, params: { id: late.id } });
    expect(got.json.broadcast.status).toBe('failed');
    expect(got.json.broadcast.failureReason).toMatch(/^expired: not sent by /);

    // Now: due at once, processed over REST (the cron users' way), then no edit.
    const now = (await create(org, base)).json.broadcast;
    const processed = await callRoute(processRoute.POST, { method: 'POST', apiKey: org.apiKey });
    expect(processed.json.processed).toEqual([
      { id: now.id, status: 'pending', email: 1, sms: 0, skipped: 0 },
    ]);
    const tooLate = await callRoute(broadcastRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: now.id },
      body: { subject: 'Third' },
    });
    expect(tooLate.status).toBe(409);
    await sendAll();
    expect(receivedBy('edit@school.example')).toHaveLength(1);
  });

  it('answers a repeated Idempotency-Key with the first message and refuses it with another body', async () => {
    const org = await schoolOrg();
    const a = await contact(org, { firstName: 'A', email: 'idem@school.example' });
    const body = { channels: ['email'], contactIds: [a], subject: 'S', content: 'C', draft: true };
    const first = await create(org, body, { 'Idempotency-Key': 'k1' });
    const again = await create(org, body, { 'Idempotency-Key': 'k1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      duplicate: true,
      broadcast: { id: first.json.broadcast.id, status: 'draft' },
    });
    const other = await create(org, { ...body, subject: 'T' }, { 'Idempotency-Key': 'k1' });
    expect(other.status).toBe(409);
  });
});

describe('reads and unsubscribes', () => {
  async function sentTo(org: TestOrg, addresses: { email: string; language?: string }[]) {
    const ids = [];
    for (const [i, a] of addresses.entries()) ids.push(await contact(org, { firstName: `P${i}`, ...a }));
    const g = await group(org, `G ${Math.random()}`, ids);
    const b = (
      await create(org, { channels: ['email'], groupIds: [g], subject: 'S', content: 'Hello {firstName}' })
    ).json.broadcast;
    await processDueBroadcasts(t.db, { orgId: org.id });
    await sendAll();
    const pixels = [];
    for (const a of addresses) {
      const mail = await sink.parse(receivedBy(a.email).at(-1)!);
      const src = /<img src="([^"]+)"/.exec(String(mail.html))![1]!;
      pixels.push({
        token: src.split('/t/')[1]!,
        unsubscribe: /<([^>]+)>/.exec(rawHeader(receivedBy(a.email).at(-1)!.raw, 'List-Unsubscribe')!)![1]!,
      });
    }
    return { b, ids, pixels };
  }

  function fetchPixel(token: string, userAgent?: string) {
    return pixelRoute.GET(
      new Request(`http://localhost/t/${token}`, { headers: userAgent ? { 'user-agent': userAgent } : {} }),
      { params: Promise.resolve({ token }) },
    );
  }
  const HUMAN =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Thunderbird/128.0';

  it('counts opens per message only by default (no person), and per person once the setting is on', async () => {
    const org = await schoolOrg();
    const { b, pixels } = await sentTo(org, [{ email: 'r1@read.example' }, { email: 'r2@read.example' }]);
    // Aggregate only: both emails carry the same message-level pixel.
    expect(pixels[0]!.token).toBe(pixels[1]!.token);
    const res = await fetchPixel(pixels[0]!.token, HUMAN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 6)
        .toString(),
    ).toBe('GIF89a');
    await fetchPixel(pixels[1]!.token, 'Mozilla/5.0');
    let stats = (await callRoute(statsRoute.GET, { apiKey: org.apiKey, params: { id: b.id } })).json.stats;
    // Opens counted without a person are opens, not people: no one is "read".
    expect(stats.email).toMatchObject({ readHuman: 0, readMachine: 0, opensHuman: 1, opensMachine: 1 });
    const rows = await t.db
      .select()
      .from(broadcastRecipients)
      .where(eq(broadcastRecipients.broadcastId, b.id));
    expect(rows.every((r) => r.readAt === null && r.humanOpens === 0)).toBe(true);

    // Per person on: a new message's pixels are each recipient's own.
    const on = await callRoute(settingsRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      body: { perPersonTracking: true },
    });
    expect(on.json).toEqual({ perPersonTracking: true, smsStopMention: null });
    const second = await sentTo(org, [{ email: 'r3@read.example' }, { email: 'r4@read.example' }]);
    expect(second.pixels[0]!.token).not.toBe(second.pixels[1]!.token);
    // Apple Mail Privacy Protection's prefetch and a scanner: machine opens, not reads.
    await fetchPixel(second.pixels[0]!.token, 'Mozilla/5.0');
    await fetchPixel(second.pixels[1]!.token, 'Mozilla/5.0 (compatible; Barracuda Sentinel)');
    await fetchPixel(second.pixels[0]!.token, HUMAN);
    await fetchPixel(second.pixels[0]!.token, HUMAN);
    // A forged or mangled token: still the GIF, nothing counted.
    expect((await fetchPixel('AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.gif', HUMAN)).status).toBe(200);
    expect((await fetchPixel('%%%', HUMAN)).status).toBe(200);
    const people = await t.db
      .select()
      .from(broadcastRecipients)
      .where(eq(broadcastRecipients.broadcastId, second.b.id))
      .orderBy(broadcastRecipients.address);
    expect(people.map((p) => [p.address, p.readAt !== null, p.humanOpens, p.machineOpens])).toEqual([
      ['r3@read.example', true, 2, 1],
      ['r4@read.example', false, 0, 1],
    ]);
    stats = (await callRoute(statsRoute.GET, { apiKey: org.apiKey, params: { id: second.b.id } })).json.stats;
    expect(stats.email).toMatchObject({ readHuman: 1, readMachine: 2, opensHuman: 2, opensMachine: 2 });

    // Mark as read from the API: the other one.
    const marked = await callRoute(markReadRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: second.b.id },
      body: { contactId: second.ids[1] },
    });
    expect(marked.json).toEqual({ marked: 1, notReceived: [] });
    stats = (await callRoute(statsRoute.GET, { apiKey: org.apiKey, params: { id: second.b.id } })).json.stats;
    expect(stats.email.readHuman).toBe(2);
  });

  it('opts the contact out of email with a one-click POST, and shows its page in the contact’s language', async () => {
    const org = await schoolOrg();
    const { ids, pixels } = await sentTo(org, [{ email: 'u1@unsub.example', language: 'fr' }]);
    const token = pixels[0]!.unsubscribe.split('/unsubscribe/')[1]!;
    const call = (method: 'GET' | 'POST', tok = token) =>
      (method === 'GET' ? unsubscribeRoute.GET : unsubscribeRoute.POST)(
        new Request(`http://localhost/unsubscribe/${tok}`, {
          method,
          ...(method === 'POST'
            ? {
                body: 'List-Unsubscribe=One-Click',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
              }
            : {}),
        }),
        { params: Promise.resolve({ token: tok }) },
      );
    // Looking is not unsubscribing (link scanners GET links).
    const page = await call('GET');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Me désinscrire');
    let [row] = await t.db.select().from(contacts).where(eq(contacts.id, ids[0]!));
    expect(row!.emailOptOutAt).toBeNull();

    const done = await call('POST');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Vous ne recevrez plus les e-mails de');
    [row] = await t.db.select().from(contacts).where(eq(contacts.id, ids[0]!));
    expect(row!.emailOptOutAt).not.toBeNull();
    expect(row!.emailOptOutReason).toBe('unsubscribed with the link of a message');

    expect((await call('POST', 'AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);

    // The next group message skips them.
    const g = await group(org, 'Again', ids);
    const b = (await create(org, { channels: ['email'], groupIds: [g], subject: 'S', content: 'C' })).json
      .broadcast;
    const [result] = await processDueBroadcasts(t.db, { orgId: org.id });
    expect(result).toMatchObject({ id: b.id, status: 'failed', email: 0, skipped: 1 });
  });
});

describe('a recipient the server refuses', () => {
  it('is failed with the server’s words; the message is sent when anyone got it', async () => {
    const org = await schoolOrg();
    const ok = await contact(org, { firstName: 'Ok', email: 'ok@school.example' });
    const no = await contact(org, { firstName: 'No', email: 'refused@school.example' });
    const b = (await create(org, { channels: ['email'], contactIds: [ok, no], subject: 'S', content: 'C' }))
      .json.broadcast;
    await processDueBroadcasts(t.db, { orgId: org.id });
    await sendAll();
    const rows = await t.db
      .select()
      .from(broadcastRecipients)
      .where(eq(broadcastRecipients.broadcastId, b.id));
    const refused = rows.find((r) => r.address === 'refused@school.example')!;
    expect(refused.status).toBe('failed');
    expect(refused.reason).toContain('550');
    // Named contacts only: no unsubscribe headers.
    expect(rawHeader(receivedBy('ok@school.example').at(-1)!.raw, 'List-Unsubscribe')).toBeNull();
    const got = await callRoute(broadcastRoute.GET, { apiKey: org.apiKey, params: { id: b.id } });
    expect(got.json.broadcast.status).toBe('sent');
  });
});

describe('email and SMS', () => {
  it('gives each contact what it can receive: the email only without a phone, the SMS only without an email', async () => {
    const org = await schoolOrg();
    const both = await contact(org, {
      firstName: 'Both',
      email: 'both@sms.example',
      phone: '06 11 22 33 44',
    });
    const mailOnly = await contact(org, { firstName: 'Mail', email: 'mail@sms.example' });
    const phoneOnly = await contact(org, { firstName: 'Phone', phone: '06 55 66 77 88' });
    const stopped = await contact(org, {
      firstName: 'Stop',
      phone: '06 99 88 77 66',
      smsOptOut: { reason: 'STOP' },
    });
    const g = await group(org, 'Mixed', [both, mailOnly, phoneOnly, stopped]);
    const b = (
      await create(org, {
        channels: ['email', 'sms'],
        groupIds: [g],
        subject: 'Hi',
        content: 'Bonjour {firstName}',
      })
    ).json.broadcast;
    const [result] = await processDueBroadcasts(t.db, { orgId: org.id });
    expect(result).toEqual({ id: b.id, status: 'pending', email: 2, sms: 2, skipped: 1 });
    await sendAll();
    const rows = await t.db
      .select()
      .from(broadcastRecipients)
      .where(eq(broadcastRecipients.broadcastId, b.id));
    expect(rows.map((r) => [r.name, r.channel, r.address, r.status]).sort()).toEqual(
      [
        ['Both', 'email', 'both@sms.example', 'sent'],
        ['Both', 'sms', '+33611223344', 'sent'],
        ['Mail', 'email', 'mail@sms.example', 'sent'],
        ['Phone', 'sms', '+33655667788', 'sent'],
        ['Stop', 'sms', '+33699887766', 'skipped'],
      ].sort(),
    );
    const sms = await t.db.execute<{ to_phone: string; text: string; status: string }>(sql`
      select s.to_phone, s.text, m.status from outbox_sms s join outbox_messages m on m.id = s.message_id
      where m.origin_id = ${b.id} order by s.to_phone`);
    expect(sms.map((s) => [s.to_phone, s.text, s.status])).toEqual([
      ['+33611223344', 'Bonjour Both', 'sent'],
      ['+33655667788', 'Bonjour Phone', 'sent'],
    ]);
    const stats = (await callRoute(statsRoute.GET, { apiKey: org.apiKey, params: { id: b.id } })).json.stats;
    expect(stats.email).toMatchObject({ recipients: 2, sent: 2 });
    expect(stats.sms).toMatchObject({ recipients: 3, sent: 2, skipped: 1 });
    const [after] = await t.db.select().from(broadcasts).where(eq(broadcasts.id, b.id));
    expect(after!.status).toBe('sent');
  });
});
