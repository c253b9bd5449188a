import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { TOAST_COOKIE } from '@/app/components/toast-flash';
import { Toaster } from '@/app/components/toaster';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/locales';
import { countUnread } from '@/lib/inbox/count-unread';
import { signOutAction } from './actions';
import { LanguageSwitch } from './language-switch';
import { nav } from './nav';
import { NavUnread } from './nav-unread';
import { Sidebar } from './sidebar';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, org, orgs, ctx } = await requireSessionOrg();
  const unread = await countUnread(getDb(), ctx);
  const t = await getTranslations('layout');
  const tNav = await getTranslations('nav');
  const tRole = await getTranslations('roles');
  // What the last action said, when this render follows it (a revalidated page).
  const flash = (await cookies()).get(TOAST_COOKIE)?.value;
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow"
      >
        {t('skipToContent')}
      </a>
      <Sidebar
        links={nav.map((item) => ({
          href: item.href,
          label: tNav(item.label),
          badge: item.href === '/inbox' ? <NavUnread initial={unread} /> : undefined,
        }))}
        orgs={orgs.map((o) => ({ id: o.id, name: o.name }))}
        orgId={org.id}
      >
        <div className="mt-10 border-t border-slate-200 pt-4 text-xs text-slate-500">
          <p data-testid="signed-in-as" className="break-all">
            {user.email}
          </p>
          <p>{t('role', { role: tRole(org.role) })}</p>
          <LanguageSwitch current={isLocale(user.locale) ? user.locale : null} />
          <form action={signOutAction}>
            <button type="submit" className="mt-2 text-indigo-700 hover:underline">
              {t('signOut')}
            </button>
          </form>
        </div>
      </Sidebar>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8 md:py-8">
        {children}
      </main>
      <Toaster flash={flash} />
    </div>
  );
}
