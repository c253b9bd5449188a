'use client';

// A button for an action that cannot be undone: it asks first, in the app's own dialog, in a
// sentence that says what will happen ("Delete the sender account Office? …"), and goes on (submits
// its form, or runs its onClick) only when the user agrees. A modal <dialog>: focus moves into it,
// Escape or "Keep it" closes it, and focus returns to the button. Tab wraps around its two buttons:
// a modal <dialog> alone lets the focus leave for the browser's own bar after the last one.
import { useTranslations } from 'next-intl';
import { type ComponentProps, type KeyboardEvent, useId, useRef } from 'react';
import { Button } from './ui';

export function ConfirmButton({
  question,
  confirmLabel,
  onClick,
  ...props
}: ComponentProps<typeof Button> & { question: string; confirmLabel?: string }) {
  const t = useTranslations('confirm');
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  // Set for the one click the dialog replays on the button once the user agreed.
  const agreed = useRef(false);
  const questionId = useId();
  const wrapFocus = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const buttons = [...event.currentTarget.querySelectorAll('button')];
    const edge = event.shiftKey ? buttons[0] : buttons[buttons.length - 1];
    if (document.activeElement !== edge) return;
    event.preventDefault();
    (event.shiftKey ? buttons[buttons.length - 1] : buttons[0])?.focus();
  };
  return (
    <>
      <Button
        {...props}
        ref={trigger}
        onClick={(event) => {
          const form = event.currentTarget.form;
          // A form with a missing field says so first (the browser's own check); nothing to confirm yet.
          if (event.currentTarget.type === 'submit' && form && !form.checkValidity()) return;
          if (!agreed.current) {
            event.preventDefault();
            dialog.current?.showModal();
            return;
          }
          agreed.current = false;
          onClick?.(event);
        }}
      />
      <dialog
        ref={dialog}
        aria-labelledby={questionId}
        onKeyDown={wrapFocus}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-5 shadow-xl backdrop:bg-slate-900/40"
        data-testid="confirm-dialog"
      >
        <p id={questionId} className="text-sm text-slate-800 [overflow-wrap:anywhere]">
          {question}
        </p>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
            {t('keep')}
          </Button>
          <Button
            type="button"
            variant={props.variant === 'danger' ? 'danger' : 'primary'}
            onClick={() => {
              dialog.current?.close();
              agreed.current = true;
              // The same click as the user's first one: the form submits with this button as its
              // submitter (its name and value included), or the onClick runs.
              trigger.current?.click();
            }}
          >
            {confirmLabel ?? t('yes')}
          </Button>
        </div>
      </dialog>
    </>
  );
}
