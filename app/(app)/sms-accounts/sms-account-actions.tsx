'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ServerMessage } from '@/app/components/server-message';
import { Button } from '@/app/components/ui';
import { deleteSmsAccountAction, type FormState, verifySmsAccountAction } from './actions';

/** "Test" (with the provider's answer) and "Delete" (with its refusal, if any) for one SMS account. */
export function SmsAccountActions({ id }: { id: string }) {
  const t = useTranslations('smsAccounts');
  const [verified, verify, verifying] = useActionState<FormState, FormData>(verifySmsAccountAction, {});
  const [deleted, remove, deleting] = useActionState<FormState, FormData>(deleteSmsAccountAction, {});
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
          <Button type="submit" variant="danger" disabled={deleting}>
            {t('delete')}
          </Button>
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
