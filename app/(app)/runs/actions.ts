'use server';

import { revalidatePath } from 'next/cache';
import { type UserError, userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { cancelInvoiceRun } from '@/lib/bulk/cancel-invoice-run';
import { retryFailedInvoices } from '@/lib/bulk/retry-failed-invoices';
import { updateInvoice } from '@/lib/bulk/update-invoice';
import { getDb } from '@/lib/db/client';

export async function cancelRunAction(runId: string): Promise<{ error?: string }> {
  const { ctx } = await requireSessionOrg();
  try {
    await cancelInvoiceRun(getDb(), ctx, runId);
    await toast('runCancelled');
    revalidatePath('/runs');
    return {};
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

export async function retryFailedAction(runId: string): Promise<{ error?: string }> {
  const { ctx } = await requireSessionOrg();
  try {
    await retryFailedInvoices(getDb(), ctx, runId);
    await toast('failedRetried');
    revalidatePath('/runs');
    return {};
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

/** "Resend this one": a new outbox message for one failed invoice of the run (the run reopens). */
export async function resendInvoiceAction(runId: string, invoiceId: string): Promise<{ error?: string }> {
  const { ctx } = await requireSessionOrg();
  try {
    await retryFailedInvoices(getDb(), ctx, runId, { invoiceId });
    await toast('invoiceResent');
    revalidatePath(`/runs/${runId}`);
    return {};
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

/** "Fix the address": the invoice's recipients, as written in a manifest cell. */
export async function fixInvoiceAddressAction(
  runId: string,
  invoiceId: string,
  recipients: string,
): Promise<UserError & { ok?: boolean }> {
  const { ctx } = await requireSessionOrg();
  try {
    await updateInvoice(getDb(), ctx, invoiceId, { recipients });
    await toast('addressFixed');
    revalidatePath(`/runs/${runId}`);
    return { ok: true, error: '' };
  } catch (error) {
    return await userError(error);
  }
}
