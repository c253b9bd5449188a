'use client';

import { useTranslations } from 'next-intl';
import { AddressInput } from '@/app/components/address-input';
import { RichTextEditor } from '@/app/components/rich-text-editor';
import { Alert, Button, Field, FieldGroup, Input } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import { suggestAddressesAction } from '../../../../compose-actions';
import { type SendReplyState, sendReplyAction } from './actions';

export type ReplyFormDefaults = {
  id: string;
  mode: 'reply' | 'all' | 'forward';
  to: string;
  cc: string;
  subject: string;
  from: string;
  /** The original as it will be quoted below the text. */
  quote: string;
  attachments: string[];
};

/** The same editor and address completion as Compose; what was typed stays after a refusal. */
export function ReplyForm({ defaults }: { defaults: ReplyFormDefaults }) {
  const t = useTranslations('replyEditor');
  const { state, pending, errorOf, form } = useKeptForm<SendReplyState>(sendReplyAction, {});
  const bodyError = errorOf('text') ?? errorOf('html');
  return (
    <form {...form} className="space-y-3" data-testid="reply-form">
      <input type="hidden" name="id" value={defaults.id} />
      <input type="hidden" name="mode" value={defaults.mode} />
      <p className="text-sm text-slate-600">{t('from', { from: defaults.from })}</p>
      <Field label={t('to')} hint={t('recipientsHint')} error={errorOf('to')}>
        <AddressInput
          name="to"
          label={t('to')}
          suggest={suggestAddressesAction}
          defaultValue={defaults.to}
          required={defaults.mode === 'forward'}
        />
      </Field>
      <Field label={t('cc')} error={errorOf('cc')}>
        <AddressInput name="cc" label={t('cc')} suggest={suggestAddressesAction} defaultValue={defaults.cc} />
      </Field>
      <Field label={t('subject')} error={errorOf('subject')}>
        <Input name="subject" defaultValue={defaults.subject} maxLength={998} />
      </Field>
      <FieldGroup id="reply-message" label={t('text')} error={bodyError}>
        <RichTextEditor
          id="reply-message"
          name="html"
          textName="text"
          focusOnOpen
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? 'reply-message-error' : undefined}
        />
      </FieldGroup>
      {defaults.attachments.length > 0 ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="includeAttachments" defaultChecked />
          {t('keepAttachments', { files: defaults.attachments.join(', ') })}
        </label>
      ) : null}
      <details open className="rounded-md border border-slate-200 bg-slate-50 p-3">
        <summary className="cursor-pointer text-xs font-medium text-slate-600">{t('quoted')}</summary>
        <pre
          className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-words text-xs text-slate-600"
          data-testid="reply-quote"
        >
          {defaults.quote}
        </pre>
      </details>
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? t('sending') : t('send')}
      </Button>
    </form>
  );
}
