'use server';

import { revalidatePath } from 'next/cache';
import { userError } from '@/app/components/user-error';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { cancelInvoiceRun } from '@/lib/bulk/cancel-invoice-run';
import { retryFailedInvoices } from '@/lib/bulk/retry-failed-invoices';
import { getDb } from '@/lib/db/client';

export async function cancelRunAction(runId: string): Promise<{ error?: string }> {
  const { ctx } = await requireSessionOrg();
  try {
    await cancelInvoiceRun(getDb(), ctx, runId);
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
    revalidatePath('/runs');
    return {};
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}
