'use client';

import { useActionState } from 'react';
import { Alert, Button, Field, Input } from '@/app/components/ui';
import { type SignInState, signInWithEmail } from './actions';

export function EmailSignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithEmail, {});
  return (
    <form action={action} className="space-y-4">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <Field label="Email address">
        <Input
          type="email"
          name="email"
          required
          autoComplete="email"
          defaultValue={state.email}
          placeholder="you@example.com"
        />
      </Field>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Button type="submit" disabled={pending} className="w-full justify-center">
        {pending ? 'Sending…' : 'Email me a sign-in link'}
      </Button>
    </form>
  );
}
