'use client';

// Two steps, nothing stored before the second: the files go to the preview endpoint, which shows
// every manifest row (bad ones in red, with the cell that is wrong and why); Confirm then posts
// the very same files to POST /api/v1/invoices/import, which stores the good rows. The browser keeps
// the files between the two steps (the FormData taken at preview), so nothing waits on the server
// in between and any web process can take the confirm. Both go straight to the REST endpoints (the
// session cookie authenticates them), so big PDF batches are not bound by server-action body limits.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, Button, Field, inputClass, Table } from '@/app/components/ui';
import { useUpload } from '@/app/components/use-upload';
import type { ImportPreview, ImportResult } from '@/lib/bulk/invoices.schema';
import { importErrorKey, importProblemKey } from '@/lib/i18n/import-problem-key';
import { ImportPreviewTable } from './import-preview-table';

export function ImportForm() {
  const t = useTranslations('importInvoices');
  const tError = useTranslations('errors');
  const tImport = useTranslations('importErrors');
  // The API refuses in English; the page says it in the viewer's words when it knows the sentence.
  const importError = (status: number, message: string | undefined) => {
    const known = message ? importErrorKey(message) : undefined;
    if (!known) return status === 413 ? tError('payloadTooLarge') : t('failed', { status });
    const line = known.values.line ? tImport('atLine', { line: known.values.line }) : '';
    return tImport(known.key, { ...known.values, line });
  };
  const words = { refused: importError, unreachable: t('unreachable') };
  const preview = useUpload<ImportPreview>('/api/v1/invoices/import/preview', words);
  const stored = useUpload<ImportResult>('/api/v1/invoices/import', words);
  const [files, setFiles] = useState<FormData | null>(null);
  const problem = useProblemWords();

  const check = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    stored.clear();
    setFiles(data);
    void preview.send(data);
  };
  const confirm = async () => {
    if (!files) return;
    if (await stored.send(files)) {
      preview.clear();
      setFiles(null);
    }
  };
  const result = stored.result;

  return (
    <div className="space-y-4">
      <form onSubmit={check} className="flex flex-wrap items-end gap-3">
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
              // Other files: the preview shown was of the earlier ones.
              onChange={() => {
                preview.clear();
                setFiles(null);
              }}
            />
          </Field>
        </div>
        <Button type="submit" disabled={preview.pending || stored.pending}>
          {preview.pending ? t('checking') : t('submit')}
        </Button>
      </form>
      {preview.error ? <Alert kind="error">{preview.error}</Alert> : null}
      {stored.error ? <Alert kind="error">{stored.error}</Alert> : null}
      {preview.result ? (
        <div className="space-y-3" data-testid="import-preview">
          <Alert kind={preview.result.bad ? 'info' : 'success'}>
            <span data-testid="preview-counts">
              {t('previewCounts', { good: preview.result.good, bad: preview.result.bad })}
            </span>{' '}
            {t('nothingStoredYet')}
          </Alert>
          <ImportPreviewTable rows={preview.result.rows} problem={problem} />
          <Button type="button" onClick={confirm} disabled={stored.pending || preview.result.good === 0}>
            {stored.pending ? t('importing') : t('confirm', { good: preview.result.good })}
          </Button>
        </div>
      ) : null}
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

/** A row's problems ("client code is missing; bad period …") in the viewer's words. */
function useProblemWords() {
  const tProblem = useTranslations('importProblems');
  return (message: string) =>
    message
      .split('; ')
      .map((part) => {
        const known = importProblemKey(part);
        if (!known) return part;
        const field = known.column ? tProblem(`columns.${known.column}`) : '';
        return tProblem(known.key, { ...known.values, field });
      })
      .join(tProblem('separator'));
}
