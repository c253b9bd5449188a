'use client';

// Uploads straight to POST /api/v1/invoices/import (the session cookie authenticates it), so big
// PDF batches are not bound by server-action body limits.
import Link from 'next/link';
import { useState } from 'react';
import { Alert, Button, Field, inputClass, Table } from '@/app/components/ui';
import type { ImportResult } from '@/lib/bulk/invoices.schema';

export function ImportForm() {
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
      if (!res.ok) setError(body.error?.message ?? `The import failed (${res.status}).`);
      else setResult(body);
    } catch {
      setError('The upload did not reach the server. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="min-w-80 flex-1">
          <Field label="Files" hint="The .csv manifest and its PDFs (select several), or one .zip.">
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
          {pending ? 'Importing…' : 'Import'}
        </Button>
      </form>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {result ? (
        <div className="space-y-3" data-testid="import-result">
          <Alert kind={result.errors.length ? 'info' : 'success'}>
            <span data-testid="imported-count">{result.imported}</span> invoice
            {result.imported === 1 ? '' : 's'} imported
            {result.errors.length
              ? `, ${result.errors.length} row${result.errors.length === 1 ? '' : 's'} refused`
              : ''}
            .{' '}
            {result.imported ? (
              <Link href="/invoices" className="underline">
                See the invoices
              </Link>
            ) : null}
          </Alert>
          {result.errors.length ? (
            <Table head={['Row', 'Problem']}>
              {result.errors.map((e) => (
                <tr key={`${e.row}-${e.message}`} data-testid="import-error">
                  <td className="px-4 py-2 font-mono">{e.row}</td>
                  <td className="px-4 py-2">{e.message}</td>
                </tr>
              ))}
            </Table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
