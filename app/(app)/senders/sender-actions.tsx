'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmButton } from '@/app/components/confirm-button';
import { ServerMessage } from '@/app/components/server-message';
import { Button } from '@/app/components/ui';
import { deleteSenderAction, type FormState, verifySenderAction } from './actions';

/** "Test connection" (with the server's answer) and "Delete" (with its refusal, if any) for one account. */
export function SenderActions({ id, label }: { id: string; label: string }) {
  const t = useTranslations('senders');
  const [verified, verify, verifying] = useActionState<FormState, FormData>(verifySenderAction, {});
  const [deleted, remove, deleting] = useActionState<FormState, FormData>(deleteSenderAction, {});
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <form action={verify}>
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="secondary" disabled={verifying}>
            {verifying ? t('testing') : t('test')}
          </Button>
        </form>
        <form action={remove}>
          <input type="hidden" name="id" value={id} />
          <ConfirmButton
            type="submit"
            variant="danger"
            disabled={deleting}
            question={t('confirmDelete', { name: label })}
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
