// Session → org context for pages and server actions. The current organisation is remembered in a
// cookie and always checked against the user's memberships; a user with none gets one.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '../db/client';
import { ensureUserOrganization } from '../orgs/ensure-user-organization';
import { listUserOrganizations, type UserOrganization } from '../orgs/list-user-organizations';
import { auth } from './config';
import type { OrgContext } from './org-context';

export const ORG_COOKIE = 'mailroom_org';

export type SessionUser = { id: string; email: string; name: string | null };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}

/**
 * For pages under (app): the signed-in user, their orgs and the current one, or a redirect.
 * Memoised per request (React cache): the layout and the page both ask.
 */
export const requireSessionOrg = cache(
  async (): Promise<{
    user: SessionUser;
    ctx: OrgContext;
    org: UserOrganization;
    orgs: UserOrganization[];
  }> => {
    const user = await currentUser();
    if (!user) redirect('/signin');
    const db = getDb();
    let orgs = await listUserOrganizations(db, user.id);
    if (orgs.length === 0) {
      await ensureUserOrganization(db, user);
      orgs = await listUserOrganizations(db, user.id);
    }
    const wanted = (await cookies()).get(ORG_COOKIE)?.value;
    const org = orgs.find((o) => o.id === wanted) ?? orgs[0]!;
    return {
      user,
      org,
      orgs,
      ctx: { orgId: org.id, role: org.role, actor: { kind: 'user', userId: user.id, email: user.email } },
    };
  },
);

/** For route handlers called from the browser: the session's org context, or null. */
export async function sessionOrgContext(): Promise<OrgContext | null> {
  const user = await currentUser();
  if (!user) return null;
  const orgs = await listUserOrganizations(getDb(), user.id);
  const wanted = (await cookies()).get(ORG_COOKIE)?.value;
  const org = orgs.find((o) => o.id === wanted) ?? orgs[0];
  if (!org) return null;
  return { orgId: org.id, role: org.role, actor: { kind: 'user', userId: user.id, email: user.email } };
}
