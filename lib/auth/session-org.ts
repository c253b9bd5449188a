// Session → org context for pages and server actions. The current organisation is remembered in a
// cookie and always checked against the user's memberships; a user with none gets one.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '../db/client';
import { BROWSER_TIME_ZONE_COOKIE } from '../i18n/browser-time-zone-cookie';
import { matchAcceptLanguage } from '../i18n/resolve-locale';
import { defaultTimeZone, isTimeZone } from '../i18n/time-zones';
import { ensureUserOrganization } from '../orgs/ensure-user-organization';
import { listUserOrganizations, type UserOrganization } from '../orgs/list-user-organizations';
import { auth } from './config';
import type { OrgContext } from './org-context';

export const ORG_COOKIE = 'mailroom_org';

export type SessionUser = { id: string; email: string; name: string | null; locale: string | null };

export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, locale: user.locale ?? null };
}

/** What the user may do in one of their organisations, as use-cases take it. */
export function orgContextFor(org: UserOrganization, user: SessionUser): OrgContext {
  return { orgId: org.id, role: org.role, actor: { kind: 'user', userId: user.id, email: user.email } };
}

/** Makes an organisation the current one, for a year; the caller has checked the membership. */
export async function rememberOrganization(orgId: string): Promise<void> {
  (await cookies()).set(ORG_COOKIE, orgId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 365 * 86_400,
  });
}

/**
 * The signed-in user with their organisations and the current one (undefined while they have
 * none), or null. Memoised per request: the layout, the page and the language settings all ask.
 */
export const currentSession = cache(
  async (): Promise<{ user: SessionUser; orgs: UserOrganization[]; org?: UserOrganization } | null> => {
    const user = await currentUser();
    if (!user) return null;
    const orgs = await listUserOrganizations(getDb(), user.id);
    const wanted = (await cookies()).get(ORG_COOKIE)?.value;
    return { user, orgs, org: orgs.find((o) => o.id === wanted) ?? orgs[0] };
  },
);

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
    const session = await currentSession();
    if (!session) redirect('/signin');
    const { user } = session;
    let { orgs, org } = session;
    if (!org) {
      // The first organisation speaks the browser's language and keeps the browser's clock.
      const [h, c] = await Promise.all([headers(), cookies()]);
      const zone = c.get(BROWSER_TIME_ZONE_COOKIE)?.value;
      await ensureUserOrganization(getDb(), user, {
        defaultLocale: matchAcceptLanguage(h.get('accept-language')) ?? 'en',
        timeZone: isTimeZone(zone) ? zone : defaultTimeZone,
      });
      orgs = await listUserOrganizations(getDb(), user.id);
      org = orgs[0]!;
    }
    return {
      user,
      org,
      orgs,
      ctx: orgContextFor(org, user),
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
