'use client';

// On the 404 page: "This is in Cabinet Martin — switch to it and open it", when one of the user's
// other organisations holds the record the address names (asked once the page is shown).
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/app/components/ui';
import {
  findRecordOrganizationAction,
  type RecordOrganization,
  switchToRecordAction,
} from './record-organization-actions';

export function OtherOrganizationHint() {
  const t = useTranslations('notFound');
  const pathname = usePathname();
  // undefined while asking; null when no other organisation of the user's holds it.
  const [found, setFound] = useState<RecordOrganization | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    findRecordOrganizationAction(pathname)
      .then((f) => current && setFound(f))
      // No hint is better than a broken 404 page.
      .catch(() => current && setFound(null));
    return () => {
      current = false;
    };
  }, [pathname]);
  return (
    <div data-testid="other-organization-hint" data-checked={found !== undefined || undefined}>
      {found ? (
        <div className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
          <p>{t('inOtherOrganization', { name: found.name })}</p>
          <form action={switchToRecordAction} className="mt-2">
            <input type="hidden" name="orgId" value={found.orgId} />
            <input type="hidden" name="path" value={pathname} />
            <Button type="submit">{t('switchAndOpen', { name: found.name })}</Button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
