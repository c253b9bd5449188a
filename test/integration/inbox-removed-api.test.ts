// What the server deleted or moved is readable through the REST API, not only on the mailbox page:
// an acceptance run through REST alone could not see where an expunged or moved message went.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as removedRoute from '@/app/api/v1/inbox/integrations/[id]/removed/route';
import { syncMailbox } from '@/lib/inbox/sync-mailbox';
import { callRoute } from '../helpers/call-route';
import { type Dovecot, destroyDovecot, startDovecot } from '../helpers/dovecot';
import { buildMessage, createDovecotMailbox } from '../helpers/inbox';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await destroyDovecot(dovecot);
});

async function sync(mailboxId: string) {
  const outcome = await syncMailbox(t.db, mailboxId, { reason: 'manual', limits: { windowDays: 0 } });
  if (outcome.kind !== 'synced') throw new Error(`sync skipped: ${outcome.reason}`);
}

describe('GET /api/v1/inbox/integrations/{id}/removed', () => {
  it('lists the expunged message as deleted and the moved one with the folder that holds it now', async () => {
    const org = await createTestOrg(t.db);
    const user = { email: 'removed-api@example.test', password: 'pw-removed' };
    const mailbox = await createDovecotMailbox(t.db, org.ctx, dovecot, {
      ...user,
      folders: ['INBOX', 'Archive'],
    });
    const date = new Date(Date.UTC(2026, 2, 3, 10, 0, 0));
    const [gone, moved] = await dovecot.append(user.email, user.password, 'INBOX', [
      { raw: buildMessage({ subject: 'Will be deleted', messageId: '<del@example.org>', date }) },
      { raw: buildMessage({ subject: 'Will be moved', messageId: '<mov@example.org>', date }) },
      { raw: buildMessage({ subject: 'Stays', messageId: '<stay@example.org>', date }) },
    ]);
    await dovecot.append(user.email, user.password, 'Archive', []);
    await sync(mailbox.id);

    const empty = await callRoute(removedRoute.GET, { apiKey: org.apiKey, params: { id: mailbox.id } });
    expect(empty.status).toBe(200);
    expect(empty.json.removed).toEqual([]);

    const client = await dovecot.client(user.email, user.password);
    await client.mailboxOpen('INBOX');
    await client.messageDelete({ uid: String(gone) }, { uid: true });
    await client.messageMove({ uid: String(moved) }, 'Archive', { uid: true });
    await client.logout();
    await sync(mailbox.id);

    const res = await callRoute(removedRoute.GET, { apiKey: org.apiKey, params: { id: mailbox.id } });
    expect(res.status).toBe(200);
    const { removed } = res.json;
    const bySubject = Object.fromEntries(
      removed.map((r: { subject: string; folder: string; stillIn: string[] }) => [r.subject, r]),
    );
    expect(Object.keys(bySubject).sort()).toEqual(['Will be deleted', 'Will be moved']);
    expect(bySubject['Will be deleted']).toMatchObject({ folder: 'INBOX', stillIn: [] });
    expect(bySubject['Will be moved']).toMatchObject({ folder: 'INBOX', stillIn: ['Archive'] });
    expect(Number.isNaN(Date.parse(bySubject['Will be moved'].goneAt))).toBe(false);

    // A UIDVALIDITY change renumbers the folders: the old locations end, but the messages were
    // neither deleted nor moved, so the list stays as it was.
    await dovecot.setUidValidity(user.email, 'INBOX', 8101);
    await dovecot.setUidValidity(user.email, 'Archive', 8102);
    await sync(mailbox.id);
    const renumbered = await callRoute(removedRoute.GET, { apiKey: org.apiKey, params: { id: mailbox.id } });
    expect(renumbered.json.removed.map((r: { subject: string }) => r.subject).sort()).toEqual([
      'Will be deleted',
      'Will be moved',
    ]);

    const bad = await callRoute(removedRoute.GET, {
      apiKey: org.apiKey,
      path: '/?limit=0',
      params: { id: mailbox.id },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('limit');

    const other = await createTestOrg(t.db);
    const foreign = await callRoute(removedRoute.GET, { apiKey: other.apiKey, params: { id: mailbox.id } });
    expect(foreign.status).toBe(404);
  });
});
