'use client';

// The navigation's unread count, kept current by the inbox's event stream (one EventSource per
// tab). Each `new-mail`, and each later `unread` (read / unread in another tab or mail client), is
// also re-announced on the window, so the open inbox page can refresh itself without a stream of
// its own.
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

export const NEW_MAIL_EVENT = 'mailroom:new-mail';
export const UNREAD_CHANGED_EVENT = 'mailroom:unread-changed';

export function NavUnread({ initial }: { initial: number }) {
  const t = useTranslations('inbox');
  const [unread, setUnread] = useState(initial);
  useEffect(() => {
    const source = new EventSource('/api/v1/inbox/events');
    const read = (e: MessageEvent) => {
      try {
        return JSON.parse(e.data) as { unread: number; added: number };
      } catch {
        return null;
      }
    };
    // The first `unread` of each connection is the count as it opens, not a change.
    let opened = false;
    source.addEventListener('open', () => {
      opened = false;
    });
    source.addEventListener('unread', (e) => {
      const data = read(e as MessageEvent);
      if (!data) return;
      setUnread(data.unread);
      if (opened) window.dispatchEvent(new CustomEvent(UNREAD_CHANGED_EVENT, { detail: data }));
      opened = true;
    });
    source.addEventListener('new-mail', (e) => {
      const data = read(e as MessageEvent);
      if (!data) return;
      setUnread(data.unread);
      window.dispatchEvent(new CustomEvent(NEW_MAIL_EVENT, { detail: data }));
    });
    return () => source.close();
  }, []);
  if (unread <= 0) return null;
  return (
    <span
      className="ml-1 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white"
      data-testid="nav-unread"
      title={t('unreadCount', { count: unread })}
    >
      {unread > 999 ? '999+' : unread}
    </span>
  );
}
