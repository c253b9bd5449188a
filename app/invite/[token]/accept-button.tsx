'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Alert, Button } from '@/app/components/ui';
import { acceptInvitationAction } from './actions';

export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations('invite');
  const [state, action, pending] = useActionState(async () => acceptInvitationAction(token), { error: '' });
  return (
    <form action={action} className="space-y-3">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? t('joining') : t('accept')}
      </Button>
    </form>
  );
}
