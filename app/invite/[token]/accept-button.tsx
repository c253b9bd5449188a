'use client';

import { useActionState } from 'react';
import { Alert, Button } from '@/app/components/ui';
import { acceptInvitationAction } from './actions';

export function AcceptInvitation({ token }: { token: string }) {
  const [state, action, pending] = useActionState(async () => acceptInvitationAction(token), { error: '' });
  return (
    <form action={action} className="space-y-3">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Joining…' : 'Accept the invitation'}
      </Button>
    </form>
  );
}
