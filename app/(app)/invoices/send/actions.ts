'use server';

import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { validationError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import {
  type InvoiceRunPreview,
  invoiceRunInput,
  invoiceRunPreviewInput,
} from '@/lib/bulk/invoice-run.schema';
import { previewInvoiceRun } from '@/lib/bulk/preview-invoice-run';
import { startInvoiceRun } from '@/lib/bulk/start-invoice-run';
import { getDb } from '@/lib/db/client';
import { getRun, toRunView } from '@/lib/progress/get-run';
import type { RunSnapshot } from '../../runs/run-progress';

export type SendFormValues = {
  senderId: string;
  clientCode: string;
  period: string;
  subject: string;
  body: string;
};

export type PreviewState = { preview?: InvoiceRunPreview; error?: string };

export async function previewInvoiceRunAction(values: SendFormValues): Promise<PreviewState> {
  const { ctx } = await requireSessionOrg();
  const parsed = invoiceRunPreviewInput.safeParse(toInput(values));
  if (!parsed.success) return { error: (await userError(validationError(parsed.error))).error };
  return { preview: await previewInvoiceRun(getDb(), ctx, parsed.data) };
}

export type StartState = { run?: RunSnapshot; error?: string };

export async function startInvoiceRunAction(values: SendFormValues): Promise<StartState> {
  const { ctx } = await requireSessionOrg();
  const parsed = invoiceRunInput.safeParse({ kind: 'invoices', ...toInput(values) });
  if (!parsed.success) return { error: (await userError(validationError(parsed.error))).error };
  try {
    const db = getDb();
    const { id } = await startInvoiceRun(db, ctx, parsed.data);
    await toast('runStarted');
    return { run: toRunView(await getRun(db, ctx, id)) };
  } catch (error) {
    return { error: (await userError(error)).error };
  }
}

function toInput(values: SendFormValues) {
  return {
    senderId: values.senderId || undefined,
    filters: {
      clientCode: values.clientCode.trim() || undefined,
      period: values.period.trim() || undefined,
    },
    subject: values.subject,
    body: values.body,
  };
}
