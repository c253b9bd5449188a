'use client';

import { useActionState } from 'react';
import { Alert, Button, Field, Input } from '@/app/components/ui';
import { type CreateKeyState, createApiKeyAction } from './actions';

export function CreateKeyForm() {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction, {});
  return (
    <div className="space-y-3">
      <form action={action} className="flex items-end gap-3">
        <div className="flex-1">
          <Field label="Name" hint="What uses this key, e.g. “Billing server”.">
            <Input name="name" required maxLength={100} />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create API key'}
        </Button>
      </form>
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {state.key ? (
        <Alert kind="success">
          <p>
            API key “{state.name}” created. Copy it now: <strong>it is not shown again</strong>.
          </p>
          <code
            data-testid="new-api-key"
            className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
          >
            {state.key}
          </code>
        </Alert>
      ) : null}
    </div>
  );
}
