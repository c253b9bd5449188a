'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { AppError, type FieldError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { cancelMessage } from '@/lib/outbox/cancel-message';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { MAX_ATTACHMENT_BYTES } from '@/lib/outbox/message.schema';
import { retryMessage } from '@/lib/outbox/retry-message';

export type ComposeState = { error?: string; details?: FieldError[] };

/** "a@x, Bob <b@y>" and one per line → a list of addresses (validated by enqueueMessage). */
function addresses(value: FormDataEntryValue | null): string[] {
  return String(value ?? '')
    .split(/[\n,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

export async function composeAction(_state: ComposeState, form: FormData): Promise<ComposeState> {
  const { ctx } = await requireSessionOrg();
  const files = form.getAll('attachments').filter((f): f is File => f instanceof File && f.size > 0);
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_ATTACHMENT_BYTES) {
    return {
      error: `Attachments are limited to 25 MB per message (these are ${(total / 1048576).toFixed(1)} MB).`,
    };
  }
  let id: string;
  try {
    const message = await enqueueMessage(
      getDb(),
      ctx,
      {
        senderId: String(form.get('senderId') ?? '') || undefined,
        to: addresses(form.get('to')),
        cc: addresses(form.get('cc')),
        bcc: addresses(form.get('bcc')),
        replyTo: String(form.get('replyTo') ?? '').trim() || undefined,
        subject: String(form.get('subject') ?? ''),
        text: String(form.get('text') ?? '') || undefined,
        html: String(form.get('html') ?? '') || undefined,
        sendAt: String(form.get('sendAt') ?? '') || undefined,
        attachments: await Promise.all(
          files.map(async (f) => ({
            filename: f.name,
            contentType: f.type && /^[\w.+-]+\/[\w.+-]+$/.test(f.type) ? f.type : undefined,
            content: Buffer.from(await f.arrayBuffer()).toString('base64'),
          })),
        ),
      },
      { origin: { kind: 'compose', id: null } },
    );
    id = message.id;
  } catch (error) {
    if (error instanceof AppError) {
      return { error: error.message, details: Array.isArray(error.details) ? error.details : undefined };
    }
    throw error;
  }
  revalidatePath('/outbox');
  redirect(`/outbox/${id}`);
}

export async function cancelMessageAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  const id = String(form.get('id') ?? '');
  await cancelMessage(getDb(), ctx, id).catch(ignoreConflict);
  revalidatePath(`/outbox/${id}`);
}

export async function retryMessageAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  const id = String(form.get('id') ?? '');
  const message = await retryMessage(getDb(), ctx, id).catch(ignoreConflict);
  revalidatePath('/outbox');
  revalidatePath(`/outbox/${id}`);
  if (message) redirect(`/outbox/${message.id}`);
}

/** The state changed under the user (it was sent meanwhile): the refreshed page shows it. */
function ignoreConflict(error: unknown) {
  if (error instanceof AppError && error.status === 409) return;
  throw error;
}
