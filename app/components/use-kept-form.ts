'use client';

// A form bound to a server action that keeps what was typed when the action refuses it. React
// resets a <form action={…}> after every action (every field, files included); dispatching the
// action from onSubmit instead leaves the fields alone. Without JavaScript the form still posts
// through `action`. After a refusal the first field marked aria-invalid takes the focus.
import { type FormEvent, startTransition, useActionState, useEffect, useRef } from 'react';
import type { FieldError } from '@/lib/api/errors';

type WithDetails = { error?: string; details?: FieldError[] };

export function useKeptForm<State extends WithDetails>(
  serverAction: (state: State, form: FormData) => Promise<State>,
  initial: State,
  options: { resetOnSuccess?: boolean } = {},
) {
  const [state, dispatch, pending] = useActionState<State, FormData>(
    serverAction as (state: Awaited<State>, form: FormData) => Promise<State>,
    initial as Awaited<State>,
  );
  const ref = useRef<HTMLFormElement>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLElement | null;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  useEffect(() => {
    const form = ref.current;
    if (!state.error && !state.details?.length) {
      // A form that stays on the page after it worked (invite, create a key) starts afresh.
      if (state !== initial && options.resetOnSuccess) form?.reset();
      return;
    }
    const bad = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (bad) bad.focus();
    else form?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [state, initial, options.resetOnSuccess]);
  /** The problems of one field (its own path or any below it, "to" for "to.1.address"), joined. */
  const errorOf = (path: string) =>
    state.details
      ?.filter((d) => d.path === path || d.path.startsWith(`${path}.`))
      .map((d) => d.message)
      .filter((m, i, all) => all.indexOf(m) === i)
      .join('; ') || undefined;
  return { state, pending, errorOf, form: { ref, action: dispatch, onSubmit } };
}
