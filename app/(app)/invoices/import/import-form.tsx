'use client';

// Uploads straight to POST /api/v1/invoices/import (the session cookie authenticates it), so big
// PDF batches are not bound by server-action body limits.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert, Button, Field, inputClass, Table } from '@/app/components/ui';
import { useUpload } from '@/app/components/use-upload';
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
  const { result, error, pending, submit } = useUpload<ImportResult>('/api/v1/invoices/import', {
    refused: importError,
    unreachable: t('unreachable'),
  });

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="w-full flex-1 sm:w-auto sm:min-w-80">
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
