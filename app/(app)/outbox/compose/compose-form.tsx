'use client';

import { useActionState, useState } from 'react';
import { Alert, Button, Field, Input, inputClass, Select } from '@/app/components/ui';
import { type ComposeState, composeAction } from '../actions';

type SenderOption = { id: string; label: string; isDefault: boolean };

export function ComposeForm({ senders }: { senders: SenderOption[] }) {
  const [state, action, pending] = useActionState<ComposeState, FormData>(composeAction, {});
  // The browser's local time, sent as an ISO instant with its time zone.
  const [sendAt, setSendAt] = useState('');
  const fieldError = (path: string) =>
    state.details
      ?.filter((d) => d.path === path || d.path.startsWith(`${path}.`))
      .map((d) => d.message)
      .join('; ');
  return (
    <form action={action} className="space-y-4" encType="multipart/form-data">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <Field label="From">
        <Select name="senderId" defaultValue={senders.find((s) => s.isDefault)?.id ?? senders[0]?.id}>
          {senders.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="To"
        hint={fieldError('to') || 'Addresses separated by commas or new lines; "Name <address>" works.'}
      >
        <Input name="to" required />
      </Field>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Cc" hint={fieldError('cc')}>
          <Input name="cc" />
        </Field>
        <Field label="Bcc" hint={fieldError('bcc')}>
          <Input name="bcc" />
        </Field>
        <Field label="Reply-To" hint={fieldError('replyTo')}>
          <Input name="replyTo" type="email" />
        </Field>
      </div>
      <Field label="Subject" hint={fieldError('subject')}>
        <Input name="subject" maxLength={998} />
      </Field>
      <Field label="Text" hint={fieldError('text') || 'Plain text. Leave empty to derive it from the HTML.'}>
        <textarea name="text" rows={8} className={inputClass} />
      </Field>
      <Field label="HTML (optional)">
        <textarea name="html" rows={6} className={`${inputClass} font-mono`} />
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Attachments" hint={fieldError('attachments') || 'Up to 25 MB in all.'}>
          <input type="file" name="attachments" multiple className="text-sm" />
        </Field>
        <Field label="Send at (optional)" hint={fieldError('sendAt') || 'Your local time. Empty: send now.'}>
          <Input
            type="datetime-local"
            onChange={(e) => setSendAt(e.target.value ? new Date(e.target.value).toISOString() : '')}
          />
          <input type="hidden" name="sendAt" value={sendAt} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Queuing…' : sendAt ? 'Schedule' : 'Send'}
      </Button>
    </form>
  );
}
