'use client';
// Edit an imported invoice's client name and recipients, or delete it; what was typed stays after
// a refused save.
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmButton } from '@/app/components/confirm-button';
import { Alert, Button, Field, Input } from '@/app/components/ui';
import type { Invoice } from '@/lib/db/schema/invoices';
import { deleteInvoiceAction, type InvoiceFormState, saveInvoiceAction } from '../actions';

export function InvoiceForm({ invoice }: { invoice: Pick<Invoice, 'id' | 'clientName' | 'recipients'> }) {
  const t = useTranslations('editInvoice');
  const [state, save, saving] = useActionState<InvoiceFormState, FormData>(saveInvoiceAction, {});
  const [deleted, remove, deleting] = useActionState<InvoiceFormState, FormData>(deleteInvoiceAction, {});
  return (
    <div className="space-y-4">
      <form action={save} className="space-y-4">
        <input type="hidden" name="id" value={invoice.id} />
        <Field label={t('clientName')}>
          <Input name="clientName" defaultValue={invoice.clientName} required />
        </Field>
        <Field label={t('recipients')} hint={t('recipientsHint')}>
          <Input name="recipients" defaultValue={invoice.recipients.join(', ')} required />
        </Field>
        {state.error ? <Alert kind="error">{state.error}</Alert> : null}
        <Button type="submit" disabled={saving}>
          {t('save')}
        </Button>
      </form>
      <form action={remove}>
        <input type="hidden" name="id" value={invoice.id} />
        {deleted.error ? (
          <div className="mb-2">
            <Alert kind="error">{deleted.error}</Alert>
          </div>
        ) : null}
        <ConfirmButton type="submit" variant="danger" disabled={deleting} question={t('confirmDelete')}>
          {t('delete')}
        </ConfirmButton>
      </form>
    </div>
  );
}
