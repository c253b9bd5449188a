'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { type UserError, userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { deleteInvoice, updateInvoice } from '@/lib/bulk/update-invoice';
import { getDb } from '@/lib/db/client';

export type InvoiceFormState = Partial<UserError> & { saved?: boolean };

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
};

export async function saveInvoiceAction(_state: InvoiceFormState, form: FormData): Promise<InvoiceFormState> {
  const { ctx } = await requireSessionOrg();
  try {
    await updateInvoice(getDb(), ctx, text(form, 'id'), {
      clientName: text(form, 'clientName'),
      recipients: text(form, 'recipients'),
    });
  } catch (error) {
    return userError(error);
  }
  await toast('invoiceSaved');
  revalidatePath('/invoices');
  return { saved: true };
}

export async function deleteInvoiceAction(
  _state: InvoiceFormState,
  form: FormData,
): Promise<InvoiceFormState> {
  const { ctx } = await requireSessionOrg();
  try {
    await deleteInvoice(getDb(), ctx, text(form, 'id'));
  } catch (error) {
    return userError(error);
  }
  await toast('invoiceDeleted');
  revalidatePath('/invoices');
  redirect('/invoices');
}
