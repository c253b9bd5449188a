// The STOP mention of group SMS, against the local Brevo server: set in the organisation's message
// settings, counted in the length the compose page is given while typing (the preview), appended
// to the SMS of group messages as Brevo receives them and as stored (text and segments) — and to
// nothing else: not a message to contacts named one by one, not a transactional SMS.
process.env.LOG_LEVEL ??= 'warn';

import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as previewRoute from '@/app/api/v1/broadcasts/preview/route';
import * as broadcastsRoute from '@/app/api/v1/broadcasts/route';
import * as settingsRoute from '@/app/api/v1/broadcasts/settings/route';
import * as contactsRoute from '@/app/api/v1/contacts/route';
import * as membersRoute from '@/app/api/v1/groups/[id]/members/route';
import * as groupsRoute from '@/app/api/v1/groups/route';
import * as smsRoute from '@/app/api/v1/sms/route';
import * as smsAccountByIdRoute from '@/app/api/v1/sms-accounts/[id]/route';
import * as smsAccountsRoute from '@/app/api/v1/sms-accounts/route';
import { processDueBroadcasts } from '@/lib/broadcasts/process-due-broadcasts';
import { organizations } from '@/lib/db/schema/orgs';
import { resetEnvCache } from '@/lib/env';
import { getSenderBoss } from '@/lib/jobs/boss';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { type BrevoServer, startBrevoServer } from '../helpers/brevo-server';
import { callRoute } from '../helpers/call-route';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
const BREVO_KEY = `xkeysib-${crypto.randomBytes(16).toString('hex')}`;
const MENTION = 'STOP au 36180';
let brevo: BrevoServer;
let org: TestOrg;
let smsAccountId: string;

beforeAll(async () => {
  brevo = await startBrevoServer(BREVO_KEY);
  process.env.BREVO_API_URL = brevo.url;
  resetEnvCache();
  org = await createTestOrg(t.db, 'École Jules Ferry');
  await t.db.update(organizations).set({ country: 'FR' }).where(eq(organizations.id, org.id));
  const account = await callRoute(smsAccountsRoute.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: { name: 'Brevo', provider: 'brevo', from: 'JulesFerry', apiKey: BREVO_KEY, isDefault: true },
  });
  expect(account.status, account.text).toBe(201);
  smsAccountId = account.json.smsAccount.id;
});
afterAll(async () => {
  await closeSenderTransports();
  await brevo?.close();
});

async function parent(firstName: string, phone: string): Promise<string> {
  const res = await callRoute(contactsRoute.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: { firstName, phone },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.contact.id;
}

async function sendAll() {
  await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 100, maxRuntimeMs: 30_000 });
}

const storedSms = (broadcastId: string) =>
  t.db.execute<{ to_phone: string; text: string; segments: number }>(sql`
    select s.to_phone, s.text, s.segments from outbox_sms s join outbox_messages m on m.id = s.message_id
    where m.origin_id = ${broadcastId} order by s.to_phone`);

describe('the STOP mention of group SMS', () => {
  it('is set in the message settings, with a 400 naming the field for a bad one', async () => {
    const bad = await callRoute(settingsRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      body: { smsStopMention: 'STOP\nau 36180' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('smsStopMention');
    const set = await callRoute(settingsRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      body: { smsStopMention: ` ${MENTION} ` },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.json).toEqual({ perPersonTracking: false, smsStopMention: MENTION });
    // Changing the other setting keeps it.
    await callRoute(settingsRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      body: { perPersonTracking: false },
    });
    expect((await callRoute(settingsRoute.GET, { apiKey: org.apiKey })).json.smsStopMention).toBe(MENTION);
  });

  it('counts in the length while typing, goes to Brevo and is stored with group SMS only', async () => {
    const ana = await parent('Ana', '06 12 34 50 01');
    const ben = await parent('Ben', '06 12 34 50 02');
    const g = await callRoute(groupsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { name: 'CM2 A' },
    });
    const groupId = g.json.group.id as string;
    await callRoute(membersRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: groupId },
      body: { contactIds: [ana, ben] },
    });
    // 150 GSM-7 characters: one segment alone, two with the mention's line (150 + 1 + 13 > 160).
    const content = `Réunion des parents jeudi à 18 h, salle 4. ${'x'.repeat(107)}`;
    expect(content).toHaveLength(150);

    const preview = (body: Record<string, unknown>) =>
      callRoute(previewRoute.POST, {
        method: 'POST',
        apiKey: org.apiKey,
        body: { channels: ['sms'], content, ...body },
      });
    expect((await preview({ groupIds: [groupId] })).json.preview.smsLength).toEqual({
      segments: 2,
      encoding: 'GSM-7',
      characters: 164,
      stopMention: MENTION,
      maxSegments: 6,
    });
    expect((await preview({ contactIds: [ana] })).json.preview.smsLength).toEqual({
      segments: 1,
      encoding: 'GSM-7',
      characters: 150,
      stopMention: null,
      maxSegments: 6,
    });

    const toGroup = await callRoute(broadcastsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { channels: ['sms'], groupIds: [groupId], content: `Bonjour {firstName}. ${content}` },
    });
    const toOne = await callRoute(broadcastsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { channels: ['sms'], contactIds: [ana], content: 'Hugo a oublié son cartable.' },
    });
    expect([toGroup.status, toOne.status]).toEqual([201, 201]);
    await processDueBroadcasts(t.db, { orgId: org.id });
    const direct = await callRoute(smsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { to: '+33612345003', text: 'Votre code : 123456' },
    });
    expect(direct.status, direct.text).toBe(202);
    await sendAll();

    const withMention = (name: string) => `Bonjour ${name}. ${content}\n${MENTION}`;
    expect(brevo.received.map((r) => [r.recipient, r.content]).sort()).toEqual(
      [
        ['33612345001', withMention('Ana')],
        ['33612345002', withMention('Ben')],
        ['33612345001', 'Hugo a oublié son cartable.'],
        ['33612345003', 'Votre code : 123456'],
      ].sort(),
    );
    expect((await storedSms(toGroup.json.broadcast.id)).map((s) => [s.to_phone, s.text, s.segments])).toEqual(
      [
        ['+33612345001', withMention('Ana'), 2],
        ['+33612345002', withMention('Ben'), 2],
      ],
    );
    expect((await storedSms(toOne.json.broadcast.id)).map((s) => s.text)).toEqual([
      'Hugo a oublié son cartable.',
    ]);
  });

  it('refuses at save a group message the mention would take over the account’s segment limit', async () => {
    const limited = await callRoute(smsAccountByIdRoute.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: smsAccountId },
      body: { maxSegments: 2 },
    });
    expect(limited.status, limited.text).toBe(200);
    const cleo = await parent('Cléo', '06 12 34 50 04');
    const g = await callRoute(groupsRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: { name: 'CM2 C' },
    });
    await callRoute(membersRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      params: { id: g.json.group.id },
      body: { contactIds: [cleo] },
    });
    // 300 GSM-7 characters fit two segments (306); with the mention's line (314) they need three.
    const content = 'y'.repeat(300);
    const create = (to: Record<string, unknown>) =>
      callRoute(broadcastsRoute.POST, {
        method: 'POST',
        apiKey: org.apiKey,
        body: { channels: ['sms'], content, ...to },
      });
    const refused = await create({ groupIds: [g.json.group.id] });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details).toEqual([
      {
        path: 'content',
        message:
          'is 3 SMS segments (GSM-7, 314 characters, with the STOP mention), over the limit of 2 per message of the SMS account',
      },
    ]);
    expect((await create({ contactIds: [cleo] })).status).toBe(201);
  });
});
