'use client';

// Uploads straight to POST /api/v1/contacts/import (the session cookie authenticates it) and shows
// the per-row report. A row's reason is the API's own sentence (English), shown as it is.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert, Button, Field, inputClass, Table } from '@/app/components/ui';
import { useUpload } from '@/app/components/use-upload';
import type { ContactImportResult } from '@/lib/contacts/contacts.schema';

export function ContactImportForm() {
  const t = useTranslations('importContacts');
  const { result, error, pending, submit } = useUpload<ContactImportResult>('/api/v1/contacts/import', {
    refused: (status, message) => message ?? t('failed', { status }),
    unreachable: t('unreachable'),
  });

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="w-full flex-1 sm:w-auto sm:min-w-80">
          <Field label={t('file')}>
            <input
              className={inputClass}
              type="file"
              name="file"
              required
              accept=".csv,.txt,text/csv"
              data-testid="import-file"
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
            {t('result', { created: result.created, updated: result.updated, refused: result.errors.length })}{' '}
            <Link href="/contacts" className="underline">
              {t('seeContacts')}
            </Link>
          </Alert>
          {result.errors.length ? (
            <Table head={[t('row'), t('problem')]}>
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
