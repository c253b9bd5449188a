'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Alert, Button } from '@/app/components/ui';
import { cancelBroadcastAction, type FormState } from './actions';

export function CancelBroadcastButton({ id }: { id: string }) {
  const t = useTranslations('broadcasts');
  const [state, action, pending] = useActionState<FormState, FormData>(cancelBroadcastAction, {});
  return (
    <form action={action}>
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('cancel')}
      </Button>
    </form>
  );
}
