// New mail on the open inbox page: GET /api/v1/inbox/events (SSE) gives the unread count, then a
// `new-mail` event when a sync stores mail for the organisation — woken by the NOTIFY of the
// storing transaction through the web process's one LISTEN connection, not by polling; another
// organisation's mail wakes nobody here. Real Dovecot and Postgres.
process.env.LOG_LEVEL ??= 'warn';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as inboxEvents from '@/app/api/v1/inbox/events/route';
import { countUnread } from '@/lib/inbox/count-unread';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { closeRunEventHub } from '@/lib/progress/run-event-hub';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox } from '../helpers/inbox';
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
});
