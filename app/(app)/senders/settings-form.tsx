'use client';

import { useActionState } from 'react';
import { Button, Field, Input } from '@/app/components/ui';
import { type FormState, saveSettingsAction } from './actions';

export function SettingsForm({ maxAttempts }: { maxAttempts: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveSettingsAction, {});
  return (
    <form action={action} className="flex items-end gap-3">
      <Field
        label="Attempts before a message fails"
        hint={
          state.error ?? state.message ?? 'Temporary failures (4xx, network) are retried with growing delays.'
        }
      >
        <Input name="maxAttempts" type="number" min={1} max={20} defaultValue={maxAttempts} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        Save
      </Button>
    </form>
  );
}
