// A group SMS message checked the way issue 11 will be, through REST only, against the local Brevo
// server and its webhook: a parent who opts out after the message was expanded (before it is
// sent) is skipped with the reason, not "cancelled"; a delivery report sets deliveredAt; a hard
// bounce makes that recipient failed ("undelivered: …"); mark-as-read sets readAt; and the
// message's statistics and the period's say the same as the recipients and as what Brevo got.
process.env.LOG_LEVEL ??= 'warn';

import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as markReadRoute from '@/app/api/v1/broadcasts/[id]/mark-as-read/route';
import * as recipientsRoute from '@/app/api/v1/broadcasts/[id]/recipients/route';
import * as statsRoute from '@/app/api/v1/broadcasts/[id]/stats/route';
import * as processRoute from '@/app/api/v1/broadcasts/process-scheduled/route';
import * as broadcastsRoute from '@/app/api/v1/broadcasts/route';
import * as periodStatsRoute from '@/app/api/v1/broadcasts/stats/route';
import * as contactRoute from '@/app/api/v1/contacts/[id]/route';
import * as contactsRoute from '@/app/api/v1/contacts/route';
import * as membersRoute from '@/app/api/v1/groups/[id]/members/route';
import * as groupsRoute from '@/app/api/v1/groups/route';
import * as brevoHook from '@/app/api/v1/sms/brevo/[token]/route';
import * as smsAccountsRoute from '@/app/api/v1/sms-accounts/route';
import { organizations } from '@/lib/db/schema/orgs';
import { resetEnvCache } from '@/lib/env';
import { getSenderBoss } from '@/lib/jobs/boss';
import { closeSenderTransports } from '@/lib/mail/transports/worker-sender-transports';
import { processDueMessages } from '@/lib/outbox/process-due-messages';
import { type BrevoServer, startBrevoServer } from '../helpers/brevo-server';
import { callRoute } from '../helpers/call-route';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { type RouteServer, startRouteServer } from '../helpers/route-server';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
const BREVO_KEY = `xkeysib-${crypto.randomBytes(16).toString('hex')}`;
let brevo: BrevoServer;
let hooks: RouteServer;
let org: TestOrg;

beforeAll(async () => {
  brevo = await startBrevoServer(BREVO_KEY);
  hooks = await startRouteServer({ '/api/v1/sms/brevo/:token': brevoHook });
  Object.assign(process.env, { BREVO_API_URL: brevo.url, MAILROOM_WEBHOOK_URL: hooks.url });
  resetEnvCache();
  org = await createTestOrg(t.db, 'École Jules Ferry');
  await t.db
    .update(organizations)
    .set({ country: 'FR', timeZone: 'Europe/Paris' })
    .where(eq(organizations.id, org.id));
  const account = await callRoute(smsAccountsRoute.POST, {
    method: 'POST',
    apiKey: org.apiKey,
    body: { name: 'Brevo', provider: 'brevo', from: 'JulesFerry', apiKey: BREVO_KEY, isDefault: true },
  });
  expect(account.status, account.text).toBe(201);
});
afterAll(async () => {
  await closeSenderTransports();
  await Promise.all([brevo?.close(), hooks?.close()]);
});

const api = <P>(
  handler: Parameters<typeof callRoute<P>>[0],
  options: Parameters<typeof callRoute<P>>[1] = {},
) => callRoute(handler, { apiKey: org.apiKey, ...options });

async function parent(firstName: string, phone: string): Promise<string> {
  const res = await api(contactsRoute.POST, { method: 'POST', body: { firstName, phone } });
  expect(res.status, res.text).toBe(201);
  return res.json.contact.id;
}

describe('a group SMS message, followed through REST', () => {
  it('skips who opted out after the expansion, records reports and reads, and its statistics agree', async () => {
    const [ana, ben, cleo] = [
      await parent('Ana', '06 12 34 60 01'),
      await parent('Ben', '06 12 34 60 02'),
      await parent('Cléo', '06 12 34 60 03'),
    ];
    const g = await api(groupsRoute.POST, { method: 'POST', body: { name: 'CE1 B' } });
    const groupId = g.json.group.id as string;
    await api(membersRoute.POST, {
      method: 'POST',
      params: { id: groupId },
      body: { contactIds: [ana, ben, cleo] },
    });
    const created = await api(broadcastsRoute.POST, {
      method: 'POST',
      body: {
        channels: ['sms'],
        groupIds: [groupId],
        content: 'Bonjour {firstName}, sortie scolaire vendredi.',
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.broadcast.id as string;

    // Due now: expanded by the cron users' endpoint; Cléo opts out before the SMS leave.
    const processed = await api(processRoute.POST, { method: 'POST' });
    expect(processed.json.processed).toEqual([{ id, status: 'pending', email: 0, sms: 3, skipped: 0 }]);
    const optOut = await api(contactRoute.PATCH, {
      method: 'PATCH',
      params: { id: cleo },
      body: { smsOptOut: { reason: 'asked the office' } },
    });
    expect(optOut.status, optOut.text).toBe(200);
    await processDueMessages(t.db, { boss: await getSenderBoss(), batchSize: 100, maxRuntimeMs: 30_000 });

    // Brevo got exactly Ana's and Ben's, once each.
    const got = brevo.received.map((r) => [r.recipient, r.content]).sort();
    expect(got).toEqual([
      ['33612346001', 'Bonjour Ana, sortie scolaire vendredi.'],
      ['33612346002', 'Bonjour Ben, sortie scolaire vendredi.'],
    ]);
    const byPhone = new Map(brevo.received.map((r) => [`+${r.recipient}`, r.messageId]));
    expect(await brevo.event(byPhone.get('+33612346001')!, 'delivered')).toBe(200);
    expect(
      await brevo.event(byPhone.get('+33612346002')!, 'hard_bounce', { reason: 'Number not in service' }),
    ).toBe(200);
    const read = await api(markReadRoute.POST, { method: 'POST', params: { id }, body: { contactId: ana } });
    expect(read.json).toEqual({ marked: 1, notReceived: [] });

    const recipients = (await api(recipientsRoute.GET, { params: { id } })).json.recipients as {
      address: string;
      status: string;
      reason: string | null;
      deliveredAt: string | null;
      readAt: string | null;
    }[];
    const row = (phone: string) => recipients.find((r) => r.address === phone)!;
    expect(recipients).toHaveLength(3);
    expect(row('+33612346001')).toMatchObject({ status: 'sent', reason: null });
    expect(row('+33612346001').deliveredAt).not.toBeNull();
    expect(row('+33612346001').readAt).not.toBeNull();
    expect(row('+33612346002')).toMatchObject({
      status: 'failed',
      reason: 'undelivered: Brevo: hard_bounce (Number not in service)',
      deliveredAt: null,
    });
    expect(row('+33612346003').status).toBe('skipped');
    expect(row('+33612346003').reason).toMatch(
      /^opted-out: Skipped: \+33612346003 opted out of SMS on .* \(asked the office\)$/,
    );

    const stats = (await api(statsRoute.GET, { params: { id } })).json.stats;
    expect(stats.sms).toEqual({
      recipients: 3,
      pending: 0,
      sent: 1,
      delivered: 1,
      failed: 1,
      skipped: 1,
      cancelled: 0,
      readHuman: 1,
      readMachine: 0,
      opensHuman: 0,
      opensMachine: 0,
    });
    expect(stats.email.recipients).toBe(0);
    const period = (await api(periodStatsRoute.GET)).json.stats;
    expect(period.totals).toEqual(stats);
    expect(period.messages).toBe(1);
  });
});
