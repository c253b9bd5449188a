'use client';

// Uploads straight to POST /api/v1/invoices/import (the session cookie authenticates it), so big
// PDF batches are not bound by server-action body limits.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, Button, Field, inputClass, Table } from '@/app/components/ui';
import type { ImportResult } from '@/lib/bulk/invoices.schema';
import { importErrorKey, importProblemKey } from '@/lib/i18n/import-problem-key';

export function ImportForm() {
  const t = useTranslations('importInvoices');
  const tError = useTranslations('errors');
  const tProblem = useTranslations('importProblems');
  const tImport = useTranslations('importErrors');
  // The API refuses in English; the page says it in the viewer's words when it knows the sentence.
  const importError = (status: number, message: string | undefined) => {
    const known = message ? importErrorKey(message) : undefined;
    if (!known) return status === 413 ? tError('payloadTooLarge') : t('failed', { status });
    const line = known.values.line ? tImport('atLine', { line: known.values.line }) : '';
    return tImport(known.key, { ...known.values, line });
  };
  // A row's problems ("client code is missing; bad period …") in the viewer's words.
  const problem = (message: string) =>
    message
      .split('; ')
      .map((part) => {
        const known = importProblemKey(part);
        if (!known) return part;
        const field = known.column ? tProblem(`columns.${known.column}`) : '';
        return tProblem(known.key, { ...known.values, field });
      })
      .join(tProblem('separator'));
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setResult(null);
    try {
      const res = await fetch('/api/v1/invoices/import', {
        method: 'POST',
        body: new FormData(event.currentTarget),
      });
      const body = await res.json();
      if (!res.ok) setError(importError(res.status, body.error?.message));
      else setResult(body);
    } catch {
      setError(t('unreachable'));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="min-w-80 flex-1">
          <Field label={t('files')} hint={t('filesHint')}>
            <input
              className={inputClass}
              type="file"
              name="files"
              multiple
              required
              accept=".csv,.txt,.pdf,.zip,text/csv,application/pdf,application/zip"
              data-testid="import-files"
            />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? t('importing') : t('submit')}
        </Button>
      </form>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {result ? (
        <div className="space-y-3" data-testid="import-result">
          <Alert kind={result.errors.length ? 'info' : 'success'}>
            {t.rich('result', {
              imported: result.imported,
              refused: result.errors.length,
              count: (chunks) => <span data-testid="imported-count">{chunks}</span>,
            })}{' '}
            {result.imported ? (
              <Link href="/invoices" className="underline">
                {t('seeInvoices')}
              </Link>
            ) : null}
          </Alert>
          {result.errors.length ? (
            <Table head={[t('row'), t('problem')]}>
              {result.errors.map((e) => (
                <tr key={`${e.row}-${e.message}`} data-testid="import-error">
                  <td className="px-4 py-2 font-mono">{e.row}</td>
                  <td className="px-4 py-2">{problem(e.message)}</td>
                </tr>
              ))}
            </Table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
