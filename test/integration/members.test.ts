import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as memberById from '@/app/api/v1/members/[id]/route';
import * as members from '@/app/api/v1/members/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import type { OrgContext } from '@/lib/auth/org-context';
import { users } from '@/lib/db/schema/auth';
import { memberships, type Role } from '@/lib/db/schema/orgs';
import { changeMemberRole } from '@/lib/orgs/change-member-role';
import { removeMember } from '@/lib/orgs/remove-member';
import { callRoute } from '../helpers/call-route';
import { createTestOrg, type TestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

async function addMember(org: TestOrg, role: Role): Promise<OrgContext & { userId: string }> {
  const email = `${role}-${crypto.randomBytes(3).toString('hex')}@example.test`;
  const [user] = await t.db.insert(users).values({ email }).returning({ id: users.id });
  await t.db.insert(memberships).values({ orgId: org.id, userId: user!.id, role });
  return { orgId: org.id, role, actor: { kind: 'user', userId: user!.id, email }, userId: user!.id };
}

async function roleOf(org: TestOrg, userId: string): Promise<Role | undefined> {
  const [row] = await t.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, userId)));
  return row?.role;
}

describe('members: change role and remove', () => {
  it('REST: an API key (admin) changes a role and removes a member; the list shows it', async () => {
    const org = await createTestOrg(t.db);
    const bob = await addMember(org, 'member');
    const patched = await callRoute(memberById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: bob.userId },
      body: { role: 'admin' },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.member).toMatchObject({ userId: bob.userId, role: 'admin' });
    expect(await roleOf(org, bob.userId)).toBe('admin');

    const removed = await callRoute(memberById.DELETE, {
      method: 'DELETE',
      apiKey: org.apiKey,
      params: { id: bob.userId },
    });
    expect(removed.status).toBe(204);
    const list = await callRoute(members.GET, { apiKey: org.apiKey });
    expect(list.json.members.map((m: { userId: string }) => m.userId)).toEqual([org.ownerId]);
  });

  it('REST: bad input is a 400 naming the field; unknown or foreign ids are 404', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    const bob = await addMember(org, 'member');
    const bad = await callRoute(memberById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: bob.userId },
      body: { role: 'king' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe('role');
    const extra = await callRoute(memberById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: bob.userId },
      body: { role: 'admin', owner: true },
    });
    expect(extra.status).toBe(400);
    for (const id of [other.ownerId, crypto.randomUUID(), 'not-a-uuid']) {
      const res = await callRoute(memberById.DELETE, {
        method: 'DELETE',
        apiKey: org.apiKey,
        params: { id },
      });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
    // The other organisation's owner is untouched.
    expect(await roleOf(other, other.ownerId)).toBe('owner');
  });

  it('the last owner can be neither demoted nor removed; with a second owner they can', async () => {
    const org = await createTestOrg(t.db);
    const demote = await changeMemberRole(t.db, org.ctx, org.ownerId, { role: 'admin' }).catch((e) => e);
    expect(demote.status).toBe(409);
    const leave = await removeMember(t.db, org.ctx, org.ownerId).catch((e) => e);
    expect(leave.status).toBe(409);
    expect(await roleOf(org, org.ownerId)).toBe('owner');

    const second = await addMember(org, 'member');
    await changeMemberRole(t.db, org.ctx, second.userId, { role: 'owner' });
    await changeMemberRole(t.db, org.ctx, org.ownerId, { role: 'member' });
    expect(await roleOf(org, org.ownerId)).toBe('member');
    // Now `second` is the last owner.
    const again = await removeMember(t.db, { ...second, role: 'owner' }, second.userId).catch((e) => e);
    expect(again.status).toBe(409);
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const org = await createTestOrg(t.db);
    const second = await addMember(org, 'owner');
    const results = await Promise.allSettled([
      changeMemberRole(t.db, org.ctx, second.userId, { role: 'member' }),
      changeMemberRole(t.db, second, org.ownerId, { role: 'member' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const owners = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.role, 'owner')));
    expect(owners).toHaveLength(1);
  });

  it('an admin may not make an owner nor touch one; a member may only leave', async () => {
    const org = await createTestOrg(t.db);
    const admin = await addMember(org, 'admin');
    const member = await addMember(org, 'member');
    const other = await addMember(org, 'member');

    for (const attempt of [
      () => changeMemberRole(t.db, admin, member.userId, { role: 'owner' }),
      () => changeMemberRole(t.db, admin, org.ownerId, { role: 'member' }),
      () => removeMember(t.db, admin, org.ownerId),
      () => changeMemberRole(t.db, member, other.userId, { role: 'admin' }),
      () => removeMember(t.db, member, other.userId),
    ]) {
      const error = await attempt().catch((e) => e);
      expect(error.status).toBe(403);
    }
    // Through REST too: an API key acts as an admin.
    const viaKey = await callRoute(memberById.PATCH, {
      method: 'PATCH',
      apiKey: org.apiKey,
      params: { id: org.ownerId },
      body: { role: 'member' },
    });
    expect(viaKey.status).toBe(403);
    expect(await roleOf(org, org.ownerId)).toBe('owner');

    await changeMemberRole(t.db, admin, member.userId, { role: 'admin' });
    expect(await roleOf(org, member.userId)).toBe('admin');
    await removeMember(t.db, other, other.userId);
    expect(await roleOf(org, other.userId)).toBeUndefined();
  });

  it('the OpenAPI document describes PATCH and DELETE /api/v1/members/{id}', async () => {
    const doc = await callRoute(openapi.GET);
    const path = doc.json.paths['/api/v1/members/{id}'];
    expect(Object.keys(path).sort()).toEqual(['delete', 'patch']);
    expect(path.patch.requestBody.content['application/json'].schema.properties.role.enum).toEqual([
      'owner',
      'admin',
      'member',
    ]);
  });
});
