'use client';

// Provider first: the select lists the presets, "Other" (any SMTP server) and the preview mailbox,
// and the form then shows only what that provider needs (a preset's server is filled in, so only
// the sign-in is asked). "Test connection" tries the typed settings before anything is saved.
import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useState } from 'react';
import { ServerMessage } from '@/app/components/server-message';
import { Alert, Button, Field, Input, Select } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import type { SmtpPreset } from '@/lib/mail/smtp-presets';
import type { SenderView } from '@/lib/outbox/sender.schema';
import { type FormState, saveSenderAction, testSenderFormAction } from './actions';

/** The provider select's value for the preview mailbox (not a preset: a kind of its own). */
const PREVIEW = '@preview';

export function SenderForm({
  presets,
  sender,
  suggestDefault,
}: {
  presets: SmtpPreset[];
  sender?: SenderView;
  suggestDefault?: boolean;
}) {
  const t = useTranslations('senders');
  const tPreset = useTranslations('smtpPresets');
  const { state, pending, errorOf, form } = useKeptForm<FormState>(saveSenderAction, {});
  const [tested, test, testing] = useActionState<FormState, FormData>(testSenderFormAction, {});
  const runTest = () => {
    if (!form.ref.current) return;
    const data = new FormData(form.ref.current);
    startTransition(() => test(data));
  };
  // A provider's words come from the catalogues; one added to lib/mail/smtp-presets.ts first shows its own.
  const presetText = (p: SmtpPreset, part: 'label' | 'hint') => {
    const key = `${p.id}.${part}` as Parameters<typeof tPreset>[0];
    return tPreset.has(key) ? tPreset(key) : p[part];
  };
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
    if (!sender) setKind(id === PREVIEW ? 'preview' : 'smtp');
    if (id === PREVIEW) id = '';
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
    } else {
      // Back to "Other": the provider's server and limits were its, not the user's.
      setServer({ host: '', port: '', security: 'starttls', ratePerMinute: '', ratePerDay: '' });
    }
  };
  const set = (key: keyof typeof server) => (e: { target: { value: string } }) =>
    setServer({ ...server, [key]: e.target.value });
  return (
    <form {...form} className="space-y-4">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {sender ? <input type="hidden" name="id" value={sender.id} /> : null}
      {/* The kind and the preset follow from the provider chosen (an edited account keeps its kind). */}
      {sender ? null : <input type="hidden" name="kind" value={kind} />}
      {kind === 'smtp' ? <input type="hidden" name="preset" value={preset} /> : null}
      <div className="grid gap-4 md:grid-cols-3">
        {sender && sender.kind !== 'smtp' ? null : (
          <Field label={t('provider')} error={errorOf('preset')}>
            <Select
              data-testid="sender-provider"
              value={kind === 'preview' ? PREVIEW : preset}
              onChange={(e) => choose(e.target.value)}
            >
              {presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {presetText(p, 'label')}
                </option>
              ))}
              <option value="">{t('providerOther')}</option>
              {sender ? null : <option value={PREVIEW}>{t('kindPreview')}</option>}
            </Select>
          </Field>
        )}
        <Field label={t('name')} error={errorOf('name')} hint={t('nameHint')}>
          <Input name="name" required defaultValue={sender?.name} />
        </Field>
      </div>
      {chosen ? <Alert kind="info">{presetText(chosen, 'hint')}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('fromAddress')} error={errorOf('fromAddress')}>
          <Input name="fromAddress" type="email" required defaultValue={sender?.fromAddress} />
        </Field>
        <Field label={t('fromName')} error={errorOf('fromName')}>
          <Input name="fromName" defaultValue={sender?.fromName ?? ''} />
        </Field>
        <Field label={t('replyTo')} error={errorOf('replyTo')}>
          <Input name="replyTo" type="email" defaultValue={sender?.replyTo ?? ''} />
        </Field>
      </div>
      {kind === 'smtp' ? (
        <>
          {chosen ? (
            // The preset's server, sent as it is: switching an edited account to a preset moves it there.
            <>
              <input type="hidden" name="host" value={server.host} />
              <input type="hidden" name="port" value={server.port} />
              <input type="hidden" name="security" value={server.security} />
            </>
          ) : (
            <div className="grid gap-4 md:grid-cols-3">
              <Field label={t('host')} error={errorOf('host')}>
                <Input
                  name="host"
                  value={server.host}
                  onChange={set('host')}
                  placeholder="smtp.example.com"
                />
              </Field>
              <Field label={t('port')} error={errorOf('port')}>
                <Input
                  name="port"
                  type="number"
                  value={server.port}
                  onChange={set('port')}
                  placeholder="587"
                />
              </Field>
              <Field label={t('security')} error={errorOf('security')}>
                <Select name="security" value={server.security} onChange={set('security')}>
                  <option value="starttls">{t('securityStarttls')}</option>
                  <option value="tls">{t('securityTls')}</option>
                  <option value="none">{t('securityNone')}</option>
                </Select>
              </Field>
            </div>
          )}
          <div className="grid gap-4 md:grid-cols-3">
            <Field label={t('username')} error={errorOf('username')}>
              <Input name="username" autoComplete="off" defaultValue={sender?.username ?? ''} />
            </Field>
            <Field
              label={t('password')}
              error={errorOf('password')}
              hint={sender?.hasPassword ? t('passwordKept') : t('passwordNew')}
            >
              <Input name="password" type="password" autoComplete="new-password" />
            </Field>
            <Field label={t('connections')} error={errorOf('maxConnections')}>
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
        <Field label={t('rateMinute')} error={errorOf('ratePerMinute')} hint={t('rateMinuteHint')}>
          <Input
            name="ratePerMinute"
            type="number"
            min={1}
            value={server.ratePerMinute}
            onChange={set('ratePerMinute')}
          />
        </Field>
        <Field label={t('rateDay')} error={errorOf('ratePerDay')} hint={t('rateDayHint')}>
          <Input
            name="ratePerDay"
            type="number"
            min={1}
            value={server.ratePerDay}
            onChange={set('ratePerDay')}
          />
        </Field>
        <div className="space-y-2 pt-6 text-sm">
          {kind === 'smtp' && !chosen ? (
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name="allowInvalidCertificate"
                defaultChecked={sender?.allowInvalidCertificate}
              />
              {t('selfSigned')}
            </label>
          ) : null}
          <label className="flex items-center gap-2">
            <input type="checkbox" name="isDefault" defaultChecked={sender?.isDefault ?? suggestDefault} />
            {t('defaultAccount')}
          </label>
        </div>
      </div>
      {tested.message ? (
        <Alert kind={tested.ok ? 'success' : 'error'}>
          <span data-testid="form-test-result">
            <ServerMessage text={tested.message} />
          </span>
        </Alert>
      ) : null}
      {tested.error ? <Alert kind="error">{tested.error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t('saving') : sender ? t('saveChanges') : t('add')}
        </Button>
        {kind === 'smtp' ? (
          <Button type="button" variant="secondary" onClick={runTest} disabled={testing}>
            {testing ? t('testing') : t('test')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
