'use client';

import { useActionState, useState } from 'react';
import { Alert, Button, Field, Input, Select } from '@/app/components/ui';
import type { SmtpPreset } from '@/lib/mail/smtp-presets';
import type { SenderView } from '@/lib/outbox/sender.schema';
import { type FormState, saveSenderAction } from './actions';

export function SenderForm({
  presets,
  sender,
  suggestDefault,
}: {
  presets: SmtpPreset[];
  sender?: SenderView;
  suggestDefault?: boolean;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveSenderAction, {});
  const [kind, setKind] = useState(sender?.kind ?? 'smtp');
  const [preset, setPreset] = useState(sender?.preset ?? '');
  const [server, setServer] = useState({
    host: sender?.host ?? '',
    port: sender?.port ? String(sender.port) : '',
    security: sender?.security ?? 'starttls',
    ratePerMinute: sender?.ratePerMinute ? String(sender.ratePerMinute) : '',
    ratePerDay: sender?.ratePerDay ? String(sender.ratePerDay) : '',
  });
  const chosen = presets.find((p) => p.id === preset);
  const choose = (id: string) => {
    setPreset(id);
    const p = presets.find((x) => x.id === id);
    if (p) {
      setServer({
        host: p.host,
        port: String(p.port),
        security: p.security,
        ratePerMinute: p.ratePerMinute ? String(p.ratePerMinute) : '',
        ratePerDay: p.ratePerDay ? String(p.ratePerDay) : '',
      });
    }
  };
  const hint = (path: string, fallback?: string) =>
    state.details?.find((d) => d.path === path)?.message ?? fallback;
  const set = (key: keyof typeof server) => (e: { target: { value: string } }) =>
    setServer({ ...server, [key]: e.target.value });
  return (
    <form action={action} className="space-y-4">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {sender ? <input type="hidden" name="id" value={sender.id} /> : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Name" hint={hint('name', 'For you: “Billing (Gmail)”.')}>
          <Input name="name" required defaultValue={sender?.name} />
        </Field>
        {sender ? null : (
          <Field label="Kind">
            <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="smtp">SMTP server</option>
              <option value="preview">Preview mailbox (nothing leaves the app)</option>
            </Select>
          </Field>
        )}
        {kind === 'smtp' ? (
          <Field label="Provider">
            <Select name="preset" value={preset} onChange={(e) => choose(e.target.value)}>
              <option value="">Other (enter the server)</option>
              {presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
      {chosen ? <Alert kind="info">{chosen.hint}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="From address" hint={hint('fromAddress')}>
          <Input name="fromAddress" type="email" required defaultValue={sender?.fromAddress} />
        </Field>
        <Field label="From name">
          <Input name="fromName" defaultValue={sender?.fromName ?? ''} />
        </Field>
        <Field label="Reply-To" hint={hint('replyTo')}>
          <Input name="replyTo" type="email" defaultValue={sender?.replyTo ?? ''} />
        </Field>
      </div>
      {kind === 'smtp' ? (
        <>
          <div className="grid gap-4 md:grid-cols-3">
            <Field label="Server" hint={hint('host')}>
              <Input name="host" value={server.host} onChange={set('host')} placeholder="smtp.example.com" />
            </Field>
            <Field label="Port" hint={hint('port')}>
              <Input name="port" type="number" value={server.port} onChange={set('port')} placeholder="587" />
            </Field>
            <Field label="Security">
              <Select name="security" value={server.security} onChange={set('security')}>
                <option value="starttls">STARTTLS (usually 587)</option>
                <option value="tls">TLS from the start (usually 465)</option>
                <option value="none">None (trusted local relay only)</option>
              </Select>
            </Field>
          </div>
          <div className="grid gap-4 md:grid-cols-3">
            <Field label="Username" hint={hint('username')}>
              <Input name="username" autoComplete="off" defaultValue={sender?.username ?? ''} />
            </Field>
            <Field
              label="Password"
              hint={
                sender?.hasPassword
                  ? 'Stored, sealed. Leave empty to keep it.'
                  : 'Stored sealed; never shown again.'
              }
            >
              <Input name="password" type="password" autoComplete="new-password" />
            </Field>
            <Field label="Connections per worker">
              <Input
                name="maxConnections"
                type="number"
                min={1}
                max={50}
                defaultValue={sender?.maxConnections ?? 5}
              />
            </Field>
          </div>
        </>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Per minute" hint={hint('ratePerMinute', 'Empty: no limit. Held across all workers.')}>
          <Input
            name="ratePerMinute"
            type="number"
            min={1}
            value={server.ratePerMinute}
            onChange={set('ratePerMinute')}
          />
        </Field>
        <Field label="Per day" hint={hint('ratePerDay', 'Empty: no limit.')}>
          <Input
            name="ratePerDay"
            type="number"
            min={1}
            value={server.ratePerDay}
            onChange={set('ratePerDay')}
          />
        </Field>
        <div className="space-y-2 pt-6 text-sm">
          {kind === 'smtp' ? (
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name="allowInvalidCertificate"
                defaultChecked={sender?.allowInvalidCertificate}
              />
              Accept a self-signed certificate
            </label>
          ) : null}
          <label className="flex items-center gap-2">
            <input type="checkbox" name="isDefault" defaultChecked={sender?.isDefault ?? suggestDefault} />
            Default account
          </label>
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : sender ? 'Save changes' : 'Add account'}
      </Button>
    </form>
  );
}
