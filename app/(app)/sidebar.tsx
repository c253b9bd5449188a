'use client';

// The app's frame on every page: the sidebar on wide screens; below 768 px a top bar whose menu
// button unfolds the same sidebar over the page. The navigation marks the current page with
// aria-current (the longest entry the path starts with: /outbox/compose is Compose, not Outbox).
// Escape folds the open menu and gives the focus back to its button, as a disclosure menu does.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { switchOrganization } from './actions';

export type SidebarLink = { href: string; label: string; badge?: ReactNode };

export function currentHref(pathname: string, hrefs: string[]): string | undefined {
  return hrefs
    .filter((h) => pathname === h || pathname.startsWith(`${h}/`))
    .sort((a, b) => b.length - a.length)[0];
}

type OrgChoice = { id: string; name: string };

export function Sidebar({
  links,
  orgs,
  orgId,
  children,
}: {
  links: SidebarLink[];
  orgs: OrgChoice[];
  orgId: string;
  children: ReactNode;
}) {
  const t = useTranslations('layout');
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // A link followed on the phone folds the menu again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => setOpen(false), [pathname]);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      // A dialog open over the page takes its own Escape.
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      setOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  const current = currentHref(
    pathname,
    links.map((l) => l.href),
  );
  return (
    <>
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
        <Link href="/dashboard" className="text-lg font-semibold text-indigo-700">
          {t('brand')}
        </Link>
        <button
          ref={menuButton}
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium"
          aria-expanded={open}
          aria-controls="app-sidebar"
          onClick={() => setOpen(!open)}
        >
          {open ? t('closeMenu') : t('menu')}
        </button>
      </div>
      <aside
        id="app-sidebar"
        className={`${open ? 'block' : 'hidden'} w-full shrink-0 border-b border-slate-200 bg-white px-4 py-6 md:block md:w-60 md:border-r md:border-b-0`}
      >
        <Link href="/dashboard" className="hidden text-lg font-semibold text-indigo-700 md:block">
          {t('brand')}
        </Link>
        <form action={switchOrganization} className="md:mt-6">
          <label className="text-xs font-medium uppercase tracking-wide text-slate-500" htmlFor="org-switch">
            {t('organisation')}
          </label>
          {/* The same page in the other organisation (its list, not an item of this one). */}
          <input type="hidden" name="returnTo" value={current ?? '/dashboard'} />
          <div className="mt-1 flex gap-1">
            <select
              id="org-switch"
              name="orgId"
              defaultValue={orgId}
              className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-sm"
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
          {links.map((item) => (
            <div key={item.href} className="flex items-center">
              <Link
                href={item.href}
                aria-current={item.href === current ? 'page' : undefined}
                className={`block flex-1 rounded-md px-2 py-1.5 text-sm ${
                  item.href === current
                    ? 'bg-indigo-50 font-semibold text-indigo-800'
                    : 'text-slate-700 hover:bg-slate-100'
                }`}
              >
                {item.label}
              </Link>
              {/* Beside the link, not in it: the link's name stays "Inbox". */}
              {item.badge}
            </div>
          ))}
        </nav>
        {children}
      </aside>
    </>
  );
}
