'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Alert, Button, Field, Input, inputClass, Select } from '@/app/components/ui';
import { type ComposeState, composeAction } from '../actions';

type SenderOption = { id: string; label: string; isDefault: boolean };

export function ComposeForm({ senders, timeZone }: { senders: SenderOption[]; timeZone: string }) {
  const t = useTranslations('compose');
  const [state, action, pending] = useActionState<ComposeState, FormData>(composeAction, {});
  // A wall-clock time in the organisation's zone; the server reads it in that zone.
  const [sendAt, setSendAt] = useState('');
  const fieldError = (path: string) =>
    state.details
      ?.filter((d) => d.path === path || d.path.startsWith(`${path}.`))
      .map((d) => d.message)
      .join('; ');
  return (
    <form action={action} className="space-y-4" encType="multipart/form-data">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <Field label={t('from')}>
        <Select name="senderId" defaultValue={senders.find((s) => s.isDefault)?.id ?? senders[0]?.id}>
          {senders.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('to')} hint={fieldError('to') || t.raw('toHint')}>
        <Input name="to" required />
      </Field>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('cc')} hint={fieldError('cc')}>
          <Input name="cc" />
        </Field>
        <Field label={t('bcc')} hint={fieldError('bcc')}>
          <Input name="bcc" />
        </Field>
        <Field label={t('replyTo')} hint={fieldError('replyTo')}>
          <Input name="replyTo" type="email" />
        </Field>
      </div>
      <Field label={t('subject')} hint={fieldError('subject')}>
        <Input name="subject" maxLength={998} />
      </Field>
      <Field label={t('text')} hint={fieldError('text') || t('textHint')}>
        <textarea name="text" rows={8} className={inputClass} />
      </Field>
      <Field label={t('html')}>
        <textarea name="html" rows={6} className={`${inputClass} font-mono`} />
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('attachments')} hint={fieldError('attachments') || t('attachmentsHint')}>
          <input type="file" name="attachments" multiple className="text-sm" />
        </Field>
        <Field label={t('sendAt')} hint={fieldError('sendAt') || t('sendAtHint', { zone: timeZone })}>
          <Input
            type="datetime-local"
            name="sendAt"
            value={sendAt}
            onChange={(e) => setSendAt(e.target.value)}
            data-testid="send-at"
          />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('queuing') : sendAt ? t('schedule') : t('send')}
      </Button>
    </form>
  );
}
