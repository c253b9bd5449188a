'use client';

// "Saved", once: the notice comes from the ?saved=1 the save redirects to, and that parameter is
// dropped from the address as soon as it is shown, so a reload (or the next visit) shows the
// mailbox as it is now (its sync error, say) and not a "Saved" of the past above it.
import { useEffect } from 'react';
import { Alert } from '@/app/components/ui';

export function SavedNotice({ text }: { text: string }) {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('saved')) return;
    url.searchParams.delete('saved');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }, []);
  return (
    <div data-testid="saved-notice">
      <Alert kind="success">{text}</Alert>
    </div>
  );
}
