'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { userError } from '@/app/components/user-error';
import { toast } from '@/app/toast';
import { AppError, type FieldError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { formatSize } from '@/lib/i18n/format-size';
import { zonedLocalToInstant } from '@/lib/i18n/zoned-time';
import { composedBody } from '@/lib/mail/composed-body';
import { cancelMessage } from '@/lib/outbox/cancel-message';
import { editScheduledMessage } from '@/lib/outbox/edit-scheduled-message';
import { enqueueMessage } from '@/lib/outbox/enqueue-message';
import { MAX_ATTACHMENT_BYTES } from '@/lib/outbox/message.schema';
import { retryMessage } from '@/lib/outbox/retry-message';

export type ComposeState = {
  error?: string;
  details?: FieldError[];
  /** "Send a test to me" worked: what to say, and the test message's id. */
  notice?: string;
  testId?: string;
};

/** "a@x, Bob <b@y>" and one per line → a list of addresses (validated by enqueueMessage). */
function addresses(value: FormDataEntryValue | null): string[] {
  return String(value ?? '')
    .split(/[\n,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/**
 * Send, or with `intent=test` send the same draft to the signed-in member only (now, from the same
 * account) and stay on the form as typed. The editor's HTML is sanitised to what the editor makes
 * and the text part derived from it; without JavaScript the plain `text` box is the body.
 */
export async function composeAction(_state: ComposeState, form: FormData): Promise<ComposeState> {
  const { ctx, org, user } = await requireSessionOrg();
  const test = form.get('intent') === 'test';
  const files = form.getAll('attachments').filter((f): f is File => f instanceof File && f.size > 0);
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MAX_ATTACHMENT_BYTES) {
    const [t, format] = await Promise.all([getTranslations('errors'), getFormatter()]);
    const problem = t('attachmentsTooLarge', { size: formatSize(format, total) });
    return { error: problem, details: [{ path: 'attachments', message: problem }] };
  }
  const body = composedBody(String(form.get('html') ?? ''));
  const input = {
    senderId: String(form.get('senderId') ?? '') || undefined,
    to: test ? [user.email] : addresses(form.get('to')),
    cc: test ? [] : addresses(form.get('cc')),
    bcc: test ? [] : addresses(form.get('bcc')),
    replyTo: String(form.get('replyTo') ?? '').trim() || undefined,
    subject: String(form.get('subject') ?? ''),
    text: body.text ?? (String(form.get('text') ?? '') || undefined),
    html: body.html,
    sendAt: test ? undefined : sendAtIn(String(form.get('sendAt') ?? ''), org.timeZone),
    attachments: await Promise.all(
      files.map(async (f) => ({
        filename: f.name,
        contentType: f.type && /^[\w.+-]+\/[\w.+-]+$/.test(f.type) ? f.type : undefined,
        content: Buffer.from(await f.arrayBuffer()).toString('base64'),
      })),
    ),
  };
  let id: string;
  try {
    const message = await enqueueMessage(getDb(), ctx, input, { origin: { kind: 'compose', id: null } });
    id = message.id;
  } catch (error) {
    return userError(error, input);
  }
  await toast('messageQueued');
  revalidatePath('/outbox');
  if (test) {
    const words = await getTranslations('compose');
    return { notice: words('testSent', { me: user.email }), testId: id };
  }
  redirect(`/outbox/${id}`);
}

export async function cancelMessageAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  const id = String(form.get('id') ?? '');
  const cancelled = await cancelMessage(getDb(), ctx, id)
    .then(() => true)
    .catch(ignoreConflict);
  revalidatePath(`/outbox/${id}`);
  if (cancelled) {
    await toast('messageCancelled');
    redirect(`/outbox/${id}`);
  }
}

/** Retry; a cancelled message still ahead of its time keeps it, unless "send now" was chosen. */
export async function retryMessageAction(form: FormData) {
  const { ctx } = await requireSessionOrg();
  const id = String(form.get('id') ?? '');
  const now = form.get('when') === 'now';
  const message = await retryMessage(getDb(), ctx, id, now ? { sendAt: null } : {}).catch(ignoreConflict);
  revalidatePath('/outbox');
  revalidatePath(`/outbox/${id}`);
  if (message) {
    await toast('messageRetried');
    redirect(`/outbox/${message.id}`);
  }
}

export async function editScheduledAction(_state: ComposeState, form: FormData): Promise<ComposeState> {
  const { ctx, org } = await requireSessionOrg();
  const id = String(form.get('id') ?? '');
  const input = {
    to: addresses(form.get('to')),
    cc: addresses(form.get('cc')),
    bcc: addresses(form.get('bcc')),
    subject: String(form.get('subject') ?? ''),
    ...editedBody(form),
    sendAt: sendAtIn(String(form.get('sendAt') ?? ''), org.timeZone),
  };
  try {
    await editScheduledMessage(getDb(), ctx, id, input);
  } catch (error) {
    return userError(error, input);
  }
  revalidatePath('/outbox');
  revalidatePath(`/outbox/${id}`);
  await toast('messageSaved');
  redirect(`/outbox/${id}`);
}

/**
 * The body an edit posts: from the editor (sanitised, text part derived) when it was changed there,
 * nothing (kept as stored) when it was not; the raw Text and HTML boxes of a message the editor
 * cannot open (or of a browser without JavaScript) as typed.
 */
function editedBody(form: FormData): { text?: string | null; html?: string | null } {
  const mode = form.get('body');
  // Without JavaScript the editor's plain box (a <noscript> one, empty at first) is the body.
  const typed = String(form.get('text') ?? '');
  if (mode === 'kept') return typed.trim() ? { text: typed, html: null } : {};
  if (mode === 'editor') {
    const body = composedBody(String(form.get('html') ?? ''));
    return { text: body.text ?? null, html: body.html ?? null };
  }
  return { text: typed || null, html: String(form.get('html') ?? '') || null };
}

/** The compose box's "send at" is a wall-clock time in the organisation's zone. */
function sendAtIn(local: string, timeZone: string): string | undefined {
  if (!local) return undefined;
  // Unreadable text goes through as typed, for the use-case's own field error.
  return zonedLocalToInstant(local, timeZone)?.toISOString() ?? local;
}

/** The state changed under the user (it was sent meanwhile): the refreshed page shows it. */
function ignoreConflict(error: unknown) {
  if (error instanceof AppError && error.status === 409) return;
  throw error;
}
