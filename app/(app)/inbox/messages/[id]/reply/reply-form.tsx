'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Alert, Button, Field, Input } from '@/app/components/ui';
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

export function ReplyForm({ defaults }: { defaults: ReplyFormDefaults }) {
  const t = useTranslations('replyEditor');
  const [state, action, pending] = useActionState<SendReplyState, FormData>(sendReplyAction, {});
  const value = (k: 'to' | 'cc' | 'subject') => state.fields?.[k] ?? defaults[k];
  return (
    <form action={action} className="space-y-3" data-testid="reply-form">
      <input type="hidden" name="id" value={defaults.id} />
      <input type="hidden" name="mode" value={defaults.mode} />
      <p className="text-sm text-slate-600">{t('from', { from: defaults.from })}</p>
      <Field label={t('to')} hint={t('recipientsHint')}>
        <Input name="to" defaultValue={value('to')} required={defaults.mode === 'forward'} />
      </Field>
      <Field label={t('cc')}>
        <Input name="cc" defaultValue={value('cc')} />
      </Field>
      <Field label={t('subject')}>
        <Input name="subject" defaultValue={value('subject')} maxLength={998} />
      </Field>
      <Field label={t('text')}>
        <textarea
          name="text"
          rows={8}
          defaultValue={state.fields?.text ?? ''}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          // biome-ignore lint/a11y/noAutofocus: the editor opens to be typed in
          autoFocus
        />
      </Field>
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
