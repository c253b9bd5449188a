'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { RichTextEditor } from '@/app/components/rich-text-editor';
import { Alert, Button, ButtonLink, Field, FieldGroup, Input, inputClass } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import { type ComposeState, editScheduledAction } from '../../actions';

type Values = {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  text: string;
  html: string;
  sendAt: string;
  /** The body as the editor opens it, or null when its HTML holds what the editor cannot make. */
  editorHtml: string | null;
};

export function EditScheduledForm({
  id,
  timeZone,
  values,
}: {
  id: string;
  timeZone: string;
  values: Values;
}) {
  const t = useTranslations('compose');
  const tEdit = useTranslations('editScheduled');
  const { state, pending, errorOf, form } = useKeptForm<ComposeState>(editScheduledAction, {});
  // An untouched body is kept as stored (its text part was perhaps written apart from its HTML).
  const [bodyChanged, setBodyChanged] = useState(false);
  const bodyError = errorOf('text') ?? errorOf('html');
  return (
    <form {...form} className="space-y-4">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <input type="hidden" name="id" value={id} />
      <Field label={t('to')} error={errorOf('to')} hint={t.raw('toHint')}>
        <Input name="to" required defaultValue={values.to} />
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('cc')} error={errorOf('cc')}>
          <Input name="cc" defaultValue={values.cc} />
        </Field>
        <Field label={t('bcc')} error={errorOf('bcc')}>
          <Input name="bcc" defaultValue={values.bcc} />
        </Field>
      </div>
      <Field label={t('subject')} error={errorOf('subject')}>
        <Input name="subject" maxLength={998} defaultValue={values.subject} />
      </Field>
      {values.editorHtml !== null ? (
        <FieldGroup id="message" label={t('message')} error={bodyError} hint={t('messageHint')}>
          <input type="hidden" name="body" value={bodyChanged ? 'editor' : 'kept'} />
          <RichTextEditor
            id="message"
            name="html"
            textName="text"
            defaultHtml={values.editorHtml}
            onChange={() => setBodyChanged(true)}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={bodyError ? 'message-error' : undefined}
          />
        </FieldGroup>
      ) : (
        <>
          <Alert kind="info">{tEdit('rawBody')}</Alert>
          <Field label={t('text')} error={errorOf('text')}>
            <textarea name="text" rows={8} className={inputClass} defaultValue={values.text} />
          </Field>
          <Field label={t('html')} error={errorOf('html')}>
            <textarea name="html" rows={6} className={`${inputClass} font-mono`} defaultValue={values.html} />
          </Field>
        </>
      )}
      <Field label={t('sendAt')} error={errorOf('sendAt')} hint={t('sendAtHint', { zone: timeZone })}>
        <Input type="datetime-local" name="sendAt" required defaultValue={values.sendAt} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? tEdit('saving') : tEdit('save')}
        </Button>
        <ButtonLink href={`/outbox/${id}`} variant="secondary">
          {tEdit('back')}
        </ButtonLink>
      </div>
    </form>
  );
}
