import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/locales';
import { countUnread } from '@/lib/inbox/count-unread';
import { signOutAction, switchOrganization } from './actions';
import { LanguageSwitch } from './language-switch';
import { nav } from './nav';
import { NavUnread } from './nav-unread';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, org, orgs, ctx } = await requireSessionOrg();
  const unread = await countUnread(getDb(), ctx);
  const t = await getTranslations('layout');
  const tNav = await getTranslations('nav');
  const tRole = await getTranslations('roles');
  return (
    <div className="flex min-h-screen">
      <aside className="w-60 shrink-0 border-r border-slate-200 bg-white px-4 py-6">
        <Link href="/dashboard" className="text-lg font-semibold text-indigo-700">
          Mailroom
        </Link>
        <form action={switchOrganization} className="mt-6">
          <label className="text-xs font-medium uppercase tracking-wide text-slate-500" htmlFor="org-switch">
            {t('organisation')}
          </label>
          <div className="mt-1 flex gap-1">
            <select
              id="org-switch"
              name="orgId"
              defaultValue={org.id}
              className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            {orgs.length > 1 ? (
              <button type="submit" className="rounded-md border border-slate-300 px-2 text-sm">
                {t('switchGo')}
              </button>
            ) : null}
          </div>
        </form>
        <nav className="mt-6 space-y-1" aria-label={t('mainNavigation')}>
          {nav.map((item) => (
            <div key={item.href} className="flex items-center">
              <Link
                href={item.href}
                className="block flex-1 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
              >
                {tNav(item.label)}
              </Link>
              {/* Beside the link, not in it: the link's name stays "Inbox". */}
              {item.href === '/inbox' ? <NavUnread initial={unread} /> : null}
            </div>
          ))}
        </nav>
        <div className="mt-10 border-t border-slate-200 pt-4 text-xs text-slate-500">
          <p data-testid="signed-in-as">{user.email}</p>
          <p>{t('role', { role: tRole(org.role) })}</p>
          <LanguageSwitch current={isLocale(user.locale) ? user.locale : null} />
          <form action={signOutAction}>
            <button type="submit" className="mt-2 text-indigo-700 hover:underline">
              {t('signOut')}
            </button>
          </form>
        </div>
      </aside>
      <main className="flex-1 px-8 py-8">{children}</main>
    </div>
  );
}
