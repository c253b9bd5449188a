'use client';

// The one place toasts appear: at the corner of the page, in a live region that is always there
// (so screen readers announce what arrives in it), never taking focus. It shows the flash an
// action left (app/toast.ts) — handed over by the layout when the page is rendered anew, or read
// from the cookie after a redirect — once, then removes the cookie; it goes when the user moves on
// to another page or closes it.
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { parseToastFlash, TOAST_COOKIE, type ToastFlash } from './toast-flash';

function takeCookie(): ToastFlash | null {
  const raw = document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${TOAST_COOKIE}=`))
    ?.slice(TOAST_COOKIE.length + 1);
  if (raw === undefined) return null;
  // biome-ignore lint/suspicious/noDocumentCookie: the cookie is ours and only needs removing
  document.cookie = `${TOAST_COOKIE}=; path=/; max-age=0; samesite=lax`;
  return parseToastFlash(raw);
}

export function Toaster({ flash }: { flash?: string }) {
  const t = useTranslations('toasts');
  const pathname = usePathname();
  const [shown, setShown] = useState<ToastFlash | null>(null);
  const seen = useRef(new Set<string>());
  const shownOn = useRef(pathname);
  useEffect(() => {
    const fresh = [takeCookie(), parseToastFlash(flash)].find((f) => f && !seen.current.has(f.id));
    if (fresh) {
      seen.current.add(fresh.id);
      shownOn.current = pathname;
      setShown(fresh);
    } else if (pathname !== shownOn.current) {
      setShown(null);
    }
  }, [flash, pathname]);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className="pointer-events-none fixed right-4 bottom-4 left-4 z-50 sm:left-auto sm:max-w-sm"
    >
      {shown ? (
        <div
          data-testid="toast"
          className="pointer-events-auto flex items-start gap-3 rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800 shadow-md"
        >
          <p className="min-w-0 flex-1 [overflow-wrap:anywhere]">{t(shown.key, shown.values)}</p>
          <button
            type="button"
            className="shrink-0 text-xs font-medium text-green-900 underline"
            onClick={() => setShown(null)}
          >
            {t('dismiss')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
