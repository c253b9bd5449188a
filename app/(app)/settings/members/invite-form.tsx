'use client';

import { useActionState } from 'react';
import { Alert, Button, Field, Input, Select } from '@/app/components/ui';
import { type InviteState, inviteAction } from './actions';

export function InviteForm({ canInviteOwner }: { canInviteOwner: boolean }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(inviteAction, {});
  return (
    <form action={action} className="grid gap-3 md:grid-cols-[1fr_10rem_auto] md:items-end">
      <Field label="Email">
        <Input type="email" name="email" required placeholder="colleague@example.com" />
      </Field>
      <Field label="Role">
        <Select name="role" defaultValue="member">
          <option value="member">Member</option>
          <option value="admin">Admin</option>
          {canInviteOwner ? <option value="owner">Owner</option> : null}
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Inviting…' : 'Send invitation'}
      </Button>
      <div className="md:col-span-3">
        {state.error ? <Alert kind="error">{state.error}</Alert> : null}
        {state.invited ? <Alert kind="success">Invitation sent to {state.invited}.</Alert> : null}
      </div>
    </form>
  );
}
