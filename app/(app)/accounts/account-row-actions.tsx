'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmButton } from '@/app/components/confirm-button';
import { ServerMessage } from '@/app/components/server-message';
import { Button } from '@/app/components/ui';
import type { AccountChannel } from './account-table';
import { type AccountActionState, deleteAccountAction, verifyAccountAction } from './actions';

/** "Test" (with the server's answer) and "Delete" (asked first; its refusal, if any) for one account. */
export function AccountRowActions({
  channel,
  id,
  testLabel,
  confirmDelete,
}: {
  channel: AccountChannel;
  id: string;
  testLabel: string;
  confirmDelete: string;
}) {
  const t = useTranslations('accounts');
  const [verified, verify, verifying] = useActionState<AccountActionState, FormData>(verifyAccountAction, {});
  const [deleted, remove, deleting] = useActionState<AccountActionState, FormData>(deleteAccountAction, {});
  const hidden = (
    <>
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="id" value={id} />
    </>
  );
  return (
    <div className="space-y-2">
      {/* Each button on one line ("Tester la connexion" broke in two in the narrow column). */}
      <div className="flex flex-wrap gap-2">
        <form action={verify}>
          {hidden}
          <Button type="submit" variant="secondary" disabled={verifying} className="whitespace-nowrap">
            {verifying ? t('testing') : testLabel}
          </Button>
        </form>
        <form action={remove}>
          {hidden}
          <ConfirmButton
            type="submit"
            variant="danger"
            disabled={deleting}
            question={confirmDelete}
            className="whitespace-nowrap"
          >
            {t('delete')}
          </ConfirmButton>
        </form>
      </div>
      {verified.message ? (
        <p
          data-testid="verify-result"
          className={`max-w-md text-xs ${verified.ok ? 'text-green-700' : 'text-red-700'}`}
        >
          <ServerMessage text={verified.message} />
        </p>
      ) : null}
      {verified.error || deleted.error ? (
        <p className="max-w-md text-xs text-red-700">{verified.error ?? deleted.error}</p>
      ) : null}
    </div>
  );
}
