'use client';

// The mailbox settings form: a preset fills the server settings and says where to get an app
// password; "Test connection" lists the server's folders (click one to sync it) or its error.
import { useTranslations } from 'next-intl';
import { type FormEvent, startTransition, useActionState, useRef, useState } from 'react';
import { ServerMessage } from '@/app/components/server-message';
import { Alert, Button, Field, Input, inputClass, Select } from '@/app/components/ui';
import type { IntegrationView } from '@/lib/inbox/integrations.schema';
import type { InboxPreset } from '@/lib/inbox/presets';
import {
  type SaveMailboxState,
  saveMailboxAction,
  type TestMailboxState,
  testMailboxAction,
} from './actions';

export function MailboxForm({
  presets,
  mailbox,
  senders,
}: {
  presets: InboxPreset[];
  mailbox?: IntegrationView;
  /** The organisation's sender accounts, one of which replies from this mailbox may go out through. */
  senders: { id: string; label: string }[];
}) {
  const t = useTranslations('mailboxForm');
  const tPreset = useTranslations('inboxPresets');
  // A provider's words come from the catalogues; one just added to lib/inbox/presets.ts shows its own.
  const presetText = (p: InboxPreset, part: 'username' | 'password') => {
    const key = `${p.id}.${part}` as Parameters<typeof tPreset>[0];
    return tPreset.has(key) ? tPreset(key) : part === 'username' ? p.usernameHint : p.passwordNote;
  };
  const [saveState, save, saving] = useActionState<SaveMailboxState, FormData>(saveMailboxAction, {});
  const [testState, test, testing] = useActionState<TestMailboxState, FormData>(testMailboxAction, {});
  const formRef = useRef<HTMLFormElement>(null);
  // The actions are dispatched by hand rather than through <form action>: React resets a form
  // after its action, which would wipe what was typed (the password) after "Test connection".
  // A test's answer is about the settings it tried: once they are saved (and the page shows the
  // mailbox's own status), an old red "refused" under the form would say something no longer current.
  const [showTest, setShowTest] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setShowTest(false);
    startTransition(() => save(data));
  };
  const runTest = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    setShowTest(true);
    startTransition(() => test(data));
  };
  const [presetId, setPresetId] = useState(mailbox?.preset ?? '');
  const [host, setHost] = useState(mailbox?.host ?? '');
  const [port, setPort] = useState(String(mailbox?.port ?? 993));
  const [security, setSecurity] = useState<string>(mailbox?.security ?? 'tls');
  const [folders, setFolders] = useState((mailbox?.folders ?? ['INBOX']).join('\n'));
  // Controlled, so what was typed survives every action and re-render.
  const [name, setName] = useState(mailbox?.name ?? '');
  const [username, setUsername] = useState(mailbox?.username ?? '');
  const [password, setPassword] = useState('');
  const [intervalMinutes, setIntervalMinutes] = useState(String(mailbox?.intervalMinutes ?? 5));
  const [active, setActive] = useState(mailbox?.active ?? true);
  const [push, setPush] = useState(mailbox?.push ?? true);
  const [verifyTls, setVerifyTls] = useState(mailbox?.verifyTls ?? true);
  const preset = presets.find((p) => p.id === presetId);
  const fieldError = (path: string) =>
    saveState.fields?.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;

  const choosePreset = (id: string) => {
    setPresetId(id);
    const p = presets.find((x) => x.id === id);
    if (p) {
      setHost(p.host);
      setPort(String(p.port));
      setSecurity(p.security);
    }
  };
  const addFolder = (path: string) => {
    const list = folders
      .split('\n')
      .map((f) => f.trim())
      .filter(Boolean);
    if (!list.includes(path)) setFolders([...list, path].join('\n'));
  };

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-5">
      {mailbox ? <input type="hidden" name="id" value={mailbox.id} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('name')} error={fieldError('name')} hint={t('nameHint')}>
          <Input
            name="name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label={t('provider')}>
          <Select name="preset" value={presetId} onChange={(e) => choosePreset(e.target.value)}>
            <option value="">{t('providerOther')}</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {preset ? (
        <Alert kind="info">
          {t.rich('presetNote', {
            label: preset.label,
            note: presetText(preset, 'password'),
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </Alert>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('host')} error={fieldError('host')}>
          <Input
            name="host"
            required
            value={host}
            onChange={(e) => setHost(e.target.value)}
            placeholder="imap.example.com"
          />
        </Field>
        <Field label={t('port')} error={fieldError('port')}>
          <Input
            name="port"
            type="number"
            min={1}
            max={65535}
            required
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
        </Field>
        <Field label={t('security')} error={fieldError('security')} hint={t('securityHint')}>
          <Select name="security" value={security} onChange={(e) => setSecurity(e.target.value)}>
            <option value="tls">{t('securityTls')}</option>
            <option value="starttls">{t('securityStarttls')}</option>
            <option value="none">{t('securityNone')}</option>
          </Select>
        </Field>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label={t('username')}
          error={fieldError('username')}
          hint={preset ? presetText(preset, 'username') : t('usernameHint')}
        >
          <Input
            name="username"
            required
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field
          label={mailbox ? t('passwordKeep') : t('passwordNew')}
          error={fieldError('password')}
          hint={t('passwordHint')}
        >
          <Input
            name="password"
            type="password"
            autoComplete="new-password"
            required={!mailbox}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('folders')} error={fieldError('folders')} hint={t('foldersHint')}>
          <textarea
            name="folders"
            rows={3}
            className={inputClass}
            value={folders}
            onChange={(e) => setFolders(e.target.value)}
          />
        </Field>
        <Field label={t('interval')} error={fieldError('intervalMinutes')}>
          <Input
            name="intervalMinutes"
            type="number"
            min={1}
            max={1440}
            value={intervalMinutes}
            onChange={(e) => setIntervalMinutes(e.target.value)}
          />
        </Field>
        <Field label={t('replySender')} hint={t('replySenderHint')}>
          <Select name="senderId" defaultValue={mailbox?.senderId ?? ''}>
            <option value="">{t('replySenderAuto')}</option>
            {senders.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
        <div className="space-y-2 pt-6 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="active"
              checked={active}
              onChange={(e) => setActive(e.target.checked)}
            />{' '}
            {t('active')}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="push" checked={push} onChange={(e) => setPush(e.target.checked)} />{' '}
            {t('push')}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="verifyTls"
              checked={verifyTls}
              onChange={(e) => setVerifyTls(e.target.checked)}
            />{' '}
            {t('verifyTls')}
          </label>
        </div>
      </div>

      {saveState.error ? <Alert kind="error">{saveState.error}</Alert> : null}
      {showTest && testState.error ? <Alert kind="error">{testState.error}</Alert> : null}
      {showTest && testState.result ? (
        testState.result.ok ? (
          <Alert kind="success">
            <p>{t('connected')}</p>
            <ul className="mt-2 flex flex-wrap gap-2" data-testid="server-folders">
              {testState.result.folders.map((f) => (
                <li key={f.path}>
                  <button
                    type="button"
                    onClick={() => addFolder(f.path)}
                    className="rounded border border-green-300 bg-white px-2 py-0.5 text-xs text-slate-800 hover:bg-green-100"
                  >
                    {f.path}
                    {f.messages !== null ? ` (${f.messages})` : ''}
                  </button>
                </li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Alert kind="error">
            <span data-testid="test-error">
              <ServerMessage text={testState.result.error} />
            </span>
          </Alert>
        )
      ) : null}

      <div className="flex gap-2">
        <Button type="submit" disabled={saving}>
          {saving ? t('saving') : mailbox ? t('saveChanges') : t('connect')}
        </Button>
        <Button type="button" variant="secondary" onClick={runTest} disabled={testing}>
          {testing ? t('testing') : t('test')}
        </Button>
      </div>
    </form>
  );
}
