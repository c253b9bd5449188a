'use client';

// The send form: filters, sender, templates and a live preview; Start turns the page into the
// run's progress view in place (and the address into /runs/{id}, so a refresh lands there).
import { useEffect, useState, useTransition } from 'react';
import { Alert, Button, Card, Field, Input, inputClass, Select } from '@/app/components/ui';
import { RunProgress, type RunSnapshot } from '../../runs/run-progress';
import {
  type PreviewState,
  previewInvoiceRunAction,
  type SendFormValues,
  startInvoiceRunAction,
} from './actions';

const DEFAULT_SUBJECT = 'Invoice {period} — {clientName}';
const DEFAULT_BODY = `Hello,

Please find attached your invoice for {period} ({fileName}).

Client code: {clientCode}

Kind regards,`;

export function SendForm({
  senders,
  initial,
}: {
  senders: { id: string; label: string }[];
  initial: { clientCode: string; period: string };
}) {
  const [values, setValues] = useState<SendFormValues>({
    senderId: senders[0]?.id ?? '',
    clientCode: initial.clientCode,
    period: initial.period,
    subject: DEFAULT_SUBJECT,
    body: DEFAULT_BODY,
  });
  const [preview, setPreview] = useState<PreviewState>({});
  const [run, setRun] = useState<RunSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, startTransition] = useTransition();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      previewInvoiceRunAction(values).then(
        (result) => current && setPreview(result),
        () => current && setPreview({ error: 'The preview could not be computed.' }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [values]);

  if (run) return <RunProgress initial={run} />;

  const set = (key: keyof SendFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const count = preview.preview?.invoices ?? 0;

  function start() {
    setError(null);
    startTransition(async () => {
      const result = await startInvoiceRunAction(values);
      if (result.error || !result.run) {
        setError(result.error ?? 'The run could not be started.');
        return;
      }
      window.history.pushState(null, '', `/runs/${result.run.id}`);
      setRun(result.run);
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <div className="grid grid-cols-2 gap-3">
            <Field label="Client code" hint="Empty: every client.">
              <Input
                name="clientCode"
                value={values.clientCode}
                onChange={set('clientCode')}
                placeholder="CCT123"
              />
            </Field>
            <Field label="Period" hint="Empty: every period.">
              <Input name="period" type="month" value={values.period} onChange={set('period')} />
            </Field>
          </div>
          <Field label="Send from">
            {senders.length ? (
              <Select name="senderId" value={values.senderId} onChange={set('senderId')} required>
                {senders.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </Select>
            ) : (
              <p className="text-sm text-red-700">No sender account: add one under Senders first.</p>
            )}
          </Field>
          <Field label="Subject" hint="Variables: {clientCode} {clientName} {period} {fileName}">
            <Input name="subject" value={values.subject} onChange={set('subject')} required maxLength={500} />
          </Field>
          <Field label="Body">
            <textarea
              name="body"
              className={`${inputClass} h-48 font-mono`}
              value={values.body}
              onChange={set('body')}
              required
            />
          </Field>
          {error ? <Alert kind="error">{error}</Alert> : null}
          <Button
            type="submit"
            disabled={starting || count === 0 || !values.senderId}
            data-testid="start-run"
          >
            {starting ? 'Starting…' : `Start: send ${count} invoice${count === 1 ? '' : 's'}`}
          </Button>
        </form>
      </Card>
      <Card>
        <h2 className="text-sm font-medium text-slate-700">Preview</h2>
        {preview.error ? (
          <div className="mt-3">
            <Alert kind="error">{preview.error}</Alert>
          </div>
        ) : preview.preview ? (
          <div className="mt-3 space-y-3 text-sm">
            <p data-testid="preview-counts">
              <strong>{preview.preview.invoices}</strong> invoice{preview.preview.invoices === 1 ? '' : 's'}{' '}
              to <strong>{preview.preview.recipients}</strong> recipient
              {preview.preview.recipients === 1 ? '' : 's'}
            </p>
            {preview.preview.example ? (
              <div className="rounded border border-slate-200" data-testid="preview-example">
                <dl className="space-y-1 border-b border-slate-200 bg-slate-50 p-3 text-xs">
                  <div>
                    <dt className="inline font-medium">To: </dt>
                    <dd className="inline">{preview.preview.example.to.join(', ')}</dd>
                  </div>
                  <div>
                    <dt className="inline font-medium">Subject: </dt>
                    <dd className="inline">{preview.preview.example.subject}</dd>
                  </div>
                  <div>
                    <dt className="inline font-medium">Attachment: </dt>
                    <dd className="inline">📎 {preview.preview.example.fileName}</dd>
                  </div>
                </dl>
                <pre className="whitespace-pre-wrap p-3 font-sans">{preview.preview.example.body}</pre>
              </div>
            ) : (
              <p className="text-slate-600">No invoice matches these filters.</p>
            )}
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-500">Computing…</p>
        )}
      </Card>
    </div>
  );
}
