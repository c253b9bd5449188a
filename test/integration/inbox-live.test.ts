// New mail on the open inbox page: GET /api/v1/inbox/events (SSE) gives the unread count, then a
// `new-mail` event when a sync stores mail for the organisation — woken by the NOTIFY of the
// storing transaction through the web process's one LISTEN connection, not by polling; another
// organisation's mail wakes nobody here. Real Dovecot and Postgres.
process.env.LOG_LEVEL ??= 'warn';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as inboxEvents from '@/app/api/v1/inbox/events/route';
import * as messageRoute from '@/app/api/v1/inbox/messages/[id]/route';
import { countUnread } from '@/lib/inbox/count-unread';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { closeRunEventHub } from '@/lib/progress/run-event-hub';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox, storedMessages } from '../helpers/inbox';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { readSse } from '../helpers/sse-reader';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await closeRunEventHub();
  await destroyDovecot(dovecot);
});

function openStream(org: TestOrg) {
  const controller = new AbortController();
  const req = new Request('http://localhost/api/v1/inbox/events', {
    headers: { authorization: `Bearer ${org.apiKey}` },
    signal: controller.signal,
  });
  return { abort: () => controller.abort(), response: inboxEvents.GET(req, { params: Promise.resolve({}) }) };
}

describe('the inbox event stream', () => {
  it('sends the unread count, then new mail as a sync stores it; other organisations’ mail is not heard', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const user = { email: 'live@example.com', password: 'live-pw' };
    const otherUser = { email: 'other-live@example.com', password: 'other-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    const otherMailbox = await createDovecotMailbox(t.db, other.ctx, dovecot, otherUser);
    await dovecot.append(user.email, user.password, 'INBOX', [{ raw: buildMessage({ subject: 'Before' }) }]);
    await syncMailbox(t.db, mailbox.id, { reason: 'manual' });

    const stream = openStream(org);
    const res = await stream.response;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const sse = readSse(res);
    const [first] = await sse.waitForEvents(1);
    expect(first).toMatchObject({ event: 'unread', json: { unread: 1, added: 0 } });

    // Another organisation's new mail: nothing for this stream.
    await dovecot.append(otherUser.email, otherUser.password, 'INBOX', [
      { raw: buildMessage({ subject: 'Not yours' }) },
    ]);
    await syncMailbox(t.db, otherMailbox.id, { reason: 'manual' });
    await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: buildMessage({ subject: 'New 1' }) },
      { raw: buildMessage({ subject: 'New 2' }) },
    ]);
    await syncMailbox(t.db, mailbox.id, { reason: 'manual' });
    const events = await sse.waitForEvents(2);
    expect(events[1]).toMatchObject({ event: 'new-mail', json: { unread: 3, added: 2 } });
    expect(sse.events).toHaveLength(2);
    expect(await countUnread(t.db, org.ctx)).toBe(3);

    // A sync that finds nothing new announces nothing.
    await syncMailbox(t.db, mailbox.id, { reason: 'manual' });
    stream.abort();
    await sse.closed;
    expect(sse.events).toHaveLength(2);
  });

  it('pushes the new unread count to every open tab when read state changes: REST, another mail client, a removal', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const user = { email: 'read-state@example.com', password: 'read-pw' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, user);
    await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: buildMessage({ subject: 'One' }) },
      { raw: buildMessage({ subject: 'Two' }) },
      { raw: buildMessage({ subject: 'Three' }) },
    ]);
    await syncMailbox(t.db, mailbox.id, { reason: 'manual' });
    const [one, two, three] = await storedMessages(t.db, mailbox.id);

    // Two tabs of this organisation, one of another.
    const tabs = [openStream(org), openStream(org)];
    const readers = await Promise.all(tabs.map(async (tab) => readSse(await tab.response)));
    const stranger = openStream(other);
    const strangerSse = readSse(await stranger.response);
    for (const sse of readers) expect((await sse.waitForEvents(1))[0]).toMatchObject({ json: { unread: 3 } });
    await strangerSse.waitForEvents(1);

    const patch = (id: string, seen: boolean) =>
      callRoute(messageRoute.PATCH, { method: 'PATCH', apiKey: org.apiKey, params: { id }, body: { seen } });
    expect((await patch(one!.id, true)).status).toBe(200);
    for (const sse of readers)
      expect((await sse.waitForEvents(2))[1]).toMatchObject({
        event: 'unread',
        json: { unread: 2, added: 0 },
      });
    expect((await patch(one!.id, false)).status).toBe(200);
    for (const sse of readers)
      expect((await sse.waitForEvents(3))[2]).toMatchObject({
        event: 'unread',
        json: { unread: 3, added: 0 },
      });
    // Marking read what is already read changes nothing and announces nothing (checked below).
    expect((await patch(two!.id, true)).status).toBe(200);
    expect((await patch(two!.id, true)).status).toBe(200);
    for (const sse of readers) expect((await sse.waitForEvents(4))[3]).toMatchObject({ json: { unread: 2 } });

    // Read in another mail client: the sync finds the \Seen flag and the tabs follow.
    const client = await dovecot.client(user.email, user.password);
    try {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd(String(three!.uid), ['\\Seen'], { uid: true });
      await syncMailbox(t.db, mailbox.id, { reason: 'manual' });
      for (const sse of readers)
        expect((await sse.waitForEvents(5))[4]).toMatchObject({ event: 'unread', json: { unread: 1 } });
      // Deleted on the server: the unread one leaves the inbox, and the count with it.
      await client.messageDelete(String(one!.uid), { uid: true });
      await syncMailbox(t.db, mailbox.id, { reason: 'manual' });
      for (const sse of readers)
        expect((await sse.waitForEvents(6))[5]).toMatchObject({ event: 'unread', json: { unread: 0 } });
    } finally {
      await client.logout();
    }
    expect(await countUnread(t.db, org.ctx)).toBe(0);

    for (const tab of tabs) tab.abort();
    stranger.abort();
    await Promise.all([...readers, strangerSse].map((sse) => sse.closed));
    for (const sse of readers) expect(sse.events).toHaveLength(6);
    // Another organisation's tab heard none of it.
    expect(strangerSse.events).toHaveLength(1);
  });
});
