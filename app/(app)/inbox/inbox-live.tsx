'use client';

// Shows new mail on the open inbox page as it arrives: the navigation's stream announces it, the
// page re-renders its list on the server (keeping the filters of its URL), and says how many came.
// A read-state change made elsewhere re-renders the list too (its unread marks), saying nothing.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { NEW_MAIL_EVENT, UNREAD_CHANGED_EVENT } from '../nav-unread';

export function InboxLive() {
  const router = useRouter();
  const t = useTranslations('inbox');
  const [arrived, setArrived] = useState(0);
  useEffect(() => {
    const onNewMail = (e: Event) => {
      const added = (e as CustomEvent<{ added: number }>).detail?.added ?? 0;
      setArrived((n) => n + added);
      router.refresh();
    };
    const onUnreadChanged = () => router.refresh();
    window.addEventListener(NEW_MAIL_EVENT, onNewMail);
    window.addEventListener(UNREAD_CHANGED_EVENT, onUnreadChanged);
    return () => {
      window.removeEventListener(NEW_MAIL_EVENT, onNewMail);
      window.removeEventListener(UNREAD_CHANGED_EVENT, onUnreadChanged);
    };
  }, [router]);
  if (arrived === 0) return null;
  return (
    <p className="text-sm text-indigo-700" data-testid="inbox-arrived" aria-live="polite">
      {t('arrived', { count: arrived })}
    </p>
  );
}
