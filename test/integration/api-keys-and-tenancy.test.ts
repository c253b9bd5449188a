import { describe, expect, it } from 'vitest';
import * as keyById from '@/app/api/v1/api-keys/[id]/route';
import * as keys from '@/app/api/v1/api-keys/route';
import * as invitationById from '@/app/api/v1/invitations/[id]/route';
import * as invitations from '@/app/api/v1/invitations/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import * as org from '@/app/api/v1/org/route';
import { apiKeys } from '@/lib/db/schema/orgs';
import { previewMessages } from '@/lib/db/schema/preview';
import { callRoute } from '../helpers/call-route';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

describe('API keys and tenancy', () => {
  it('accepts a key, rejects a missing, malformed, unknown or revoked one with the error shape', async () => {
    const a = await createTestOrg(t.db, 'Alpha');
    const ok = await callRoute(org.GET, { apiKey: a.apiKey });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ id: a.id, name: 'Alpha', slug: a.slug, role: 'admin' });

    // (No header at all falls through to the session cookie, which needs Next's request scope:
    // the end-to-end test checks that case against the real server.)
    for (const headers of [
      { authorization: 'Bearer nope' },
      { authorization: `Bearer ${a.apiKey.slice(0, -2)}xx` },
      { authorization: 'Basic abc' },
    ]) {
      const res = await callRoute(org.GET, { headers });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
      expect(typeof res.json.error.message).toBe('string');
    }

    const created = await callRoute(keys.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      body: { name: 'deploy' },
    });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^mr_live_/);
    expect(created.json.apiKey.prefix).toBe(created.json.key.slice(0, 16));
    // Stored hashed: the key itself is nowhere in the table.
    const rows = await t.db.select().from(apiKeys);
    expect(JSON.stringify(rows)).not.toContain(created.json.key);

    const revoked = await callRoute(keyById.DELETE, {
      method: 'DELETE',
      apiKey: a.apiKey,
      params: { id: created.json.apiKey.id },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.json.apiKey.revokedAt).not.toBeNull();
    expect((await callRoute(org.GET, { apiKey: created.json.key })).status).toBe(401);

    const list = await callRoute(keys.GET, { apiKey: a.apiKey });
    expect(list.json.apiKeys.map((k: { name: string }) => k.name).sort()).toEqual(['deploy', 'tests']);
    expect(JSON.stringify(list.json)).not.toMatch(/hash|mr_live_[A-Za-z0-9_-]{20}/);
  });

  it("answers 404 for another organisation's resources, exactly as for missing ones", async () => {
    const a = await createTestOrg(t.db);
    const b = await createTestOrg(t.db);
    const bKeys = await callRoute(keys.GET, { apiKey: b.apiKey });
    const bKeyId = bKeys.json.apiKeys[0].id;

    const foreign = await callRoute(keyById.GET, { apiKey: a.apiKey, params: { id: bKeyId } });
    const missing = await callRoute(keyById.GET, {
      apiKey: a.apiKey,
      params: { id: '7c2e0f64-4c1c-4c4f-9f3a-2b5d1c9e8a77' },
    });
    const malformed = await callRoute(keyById.GET, { apiKey: a.apiKey, params: { id: 'not-a-uuid' } });
    for (const res of [foreign, missing, malformed]) {
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'not_found', message: 'API key not found.' } });
    }
    const revokeForeign = await callRoute(keyById.DELETE, {
      method: 'DELETE',
      apiKey: a.apiKey,
      params: { id: bKeyId },
    });
    expect(revokeForeign.status).toBe(404);
    expect((await callRoute(org.GET, { apiKey: b.apiKey })).status).toBe(200);
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const a = await createTestOrg(t.db);
    const before = await t.db.$count(apiKeys);
    const blank = await callRoute(keys.POST, { method: 'POST', apiKey: a.apiKey, body: { name: '  ' } });
    expect(blank.status).toBe(400);
    expect(blank.json.error.code).toBe('validation_error');
    expect(blank.json.error.details).toEqual([{ path: 'name', message: 'is required' }]);
    const notJson = await callRoute(keys.POST, { method: 'POST', apiKey: a.apiKey, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.details[0].path).toBe('(body)');
    expect(await t.db.$count(apiKeys)).toBe(before);

    const badEmail = await callRoute(invitations.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      body: { email: 'not-an-address', role: 'member' },
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.json.error.details[0].path).toBe('email');
  });

  it('invites by email through the preview mailbox; 409 on a second invitation; 403 for an owner invite by key', async () => {
    const a = await createTestOrg(t.db);
    const res = await callRoute(invitations.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      body: { email: 'New.Person@Example.test', role: 'admin' },
    });
    expect(res.status).toBe(201);
    expect(res.json.invitation).toMatchObject({ email: 'new.person@example.test', role: 'admin' });
    expect(res.json.invitation.tokenHash).toBeUndefined();
    const mail = await t.db.select().from(previewMessages);
    const invite = mail.find((m) => m.to.includes('new.person@example.test'));
    expect(invite?.subject).toContain('You are invited to');
    expect(invite?.raw.toString()).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}/);

    const again = await callRoute(invitations.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      body: { email: 'new.person@example.test' },
    });
    expect(again.status).toBe(409);
    const owner = await callRoute(invitations.POST, {
      method: 'POST',
      apiKey: a.apiKey,
      body: { email: 'boss@example.test', role: 'owner' },
    });
    expect(owner.status).toBe(403);

    const b = await createTestOrg(t.db);
    const foreign = await callRoute(invitationById.DELETE, {
      method: 'DELETE',
      apiKey: b.apiKey,
      params: { id: res.json.invitation.id },
    });
    expect(foreign.status).toBe(404);
    const withdrawn = await callRoute(invitationById.DELETE, {
      method: 'DELETE',
      apiKey: a.apiKey,
      params: { id: res.json.invitation.id },
    });
    expect(withdrawn.status).toBe(204);
  });

  it('serves an OpenAPI document generated from the request schemas', async () => {
    const res = await callRoute(openapi.GET);
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    const post = res.json.paths['/api/v1/api-keys'].post;
    expect(post.requestBody.content['application/json'].schema.properties.name.type).toBe('string');
    expect(res.json.paths['/api/v1/api-keys/{id}'].delete.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
    });
  });
});
