'use client';

// The send form: filters, sender, templates and a live preview; Start turns the page into the
// run's progress view in place (and the address into /runs/{id}, so a refresh lands there).
import { useTranslations } from 'next-intl';
import { useEffect, useState, useTransition } from 'react';
import { ConfirmButton } from '@/app/components/confirm-button';
import { Alert, Card, Field, Input, inputClass, Select } from '@/app/components/ui';
import { RunProgress, type RunSnapshot } from '../../runs/run-progress';
import {
  type PreviewState,
  previewInvoiceRunAction,
  type SendFormValues,
  startInvoiceRunAction,
} from './actions';

/** The template's own placeholders, passed through the catalogue untouched. */
const VARIABLES = {
  clientCode: '{clientCode}',
  clientName: '{clientName}',
  period: '{period}',
  fileName: '{fileName}',
};

export function SendForm({
  senders,
  initial,
}: {
  senders: { id: string; label: string }[];
  initial: { clientCode: string; period: string };
}) {
  const t = useTranslations('sendInvoices');
  // The suggested template is in the viewer's language; once sent it is the user's text, as typed.
  const [values, setValues] = useState<SendFormValues>(() => ({
    senderId: senders[0]?.id ?? '',
    clientCode: initial.clientCode,
    period: initial.period,
    subject: t('defaultSubject', VARIABLES),
    body: t('defaultBody', VARIABLES),
  }));
  const [preview, setPreview] = useState<PreviewState>({});
  const [run, setRun] = useState<RunSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, startTransition] = useTransition();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      previewInvoiceRunAction(values).then(
        (result) => current && setPreview(result),
        () => current && setPreview({ error: t('previewFailed') }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [values, t]);

  if (run) return <RunProgress initial={run} />;

  const set = (key: keyof SendFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const count = preview.preview?.invoices ?? 0;

  function start() {
    setError(null);
    startTransition(async () => {
      const result = await startInvoiceRunAction(values);
      if (result.error || !result.run) {
        setError(result.error ?? t('startFailed'));
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
            <Field label={t('clientCode')} hint={t('clientCodeHint')}>
              <Input
                name="clientCode"
                value={values.clientCode}
                onChange={set('clientCode')}
                placeholder="CCT123"
              />
            </Field>
            <Field label={t('period')} hint={t('periodHint')}>
              <Input name="period" type="month" value={values.period} onChange={set('period')} />
            </Field>
          </div>
          <Field label={t('sendFrom')}>
            {senders.length ? (
              <Select name="senderId" value={values.senderId} onChange={set('senderId')} required>
                {senders.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </Select>
            ) : (
              <p className="text-sm text-red-700">{t('noSender')}</p>
            )}
          </Field>
          <Field label={t('subject')} hint={t('variables', { list: Object.values(VARIABLES).join(' ') })}>
            <Input name="subject" value={values.subject} onChange={set('subject')} required maxLength={500} />
          </Field>
          <Field label={t('body')}>
            <textarea
              name="body"
              className={`${inputClass} h-48 font-mono`}
              value={values.body}
              onChange={set('body')}
              required
            />
          </Field>
          {error ? <Alert kind="error">{error}</Alert> : null}
          {/* Sending cannot be taken back: it says what will go out, and from where, first. */}
          <ConfirmButton
            type="submit"
            disabled={starting || count === 0 || !values.senderId}
            data-testid="start-run"
            question={t('confirmStart', {
              invoices: count,
              recipients: preview.preview?.recipients ?? 0,
              from: senders.find((x) => x.id === values.senderId)?.label ?? '',
            })}
            confirmLabel={t('start', { count })}
          >
            {starting ? t('starting') : t('start', { count })}
          </ConfirmButton>
        </form>
      </Card>
      <Card>
        <h2 className="text-sm font-medium text-slate-700">{t('preview')}</h2>
        {preview.error ? (
          <div className="mt-3">
            <Alert kind="error">{preview.error}</Alert>
          </div>
        ) : preview.preview ? (
          <div className="mt-3 space-y-3 text-sm">
            <p data-testid="preview-counts">
              {t.rich('counts', {
                invoices: preview.preview.invoices,
                recipients: preview.preview.recipients,
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            {preview.preview.example ? (
              <div className="rounded border border-slate-200" data-testid="preview-example">
                <dl className="space-y-1 border-b border-slate-200 bg-slate-50 p-3 text-xs">
                  <div>
                    <dt className="inline font-medium">{t('to')}</dt>
                    <dd className="inline">{preview.preview.example.to.join(', ')}</dd>
                  </div>
                  <div>
                    <dt className="inline font-medium">{t('subjectLabel')}</dt>
                    <dd className="inline">{preview.preview.example.subject}</dd>
                  </div>
                  <div>
                    <dt className="inline font-medium">{t('attachment')}</dt>
                    <dd className="inline">📎 {preview.preview.example.fileName}</dd>
                  </div>
                </dl>
                <pre className="whitespace-pre-wrap p-3 font-sans">{preview.preview.example.body}</pre>
              </div>
            ) : (
              <p className="text-slate-600">{t('noMatch')}</p>
            )}
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-500">{t('computing')}</p>
        )}
      </Card>
    </div>
  );
}
