'use client';

// A submit button for an action that cannot be undone: it asks first, in a sentence that says what
// will happen ("Delete the sender account Office? …"), and submits only when the user agrees.
import type { ComponentProps } from 'react';
import { Button } from './ui';

export function ConfirmButton({
  question,
  onClick,
  ...props
}: ComponentProps<typeof Button> & { question: string }) {
  return (
    <Button
      {...props}
      onClick={(event) => {
        if (!window.confirm(question)) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
