'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { userError } from '@/app/components/user-error';
import type { FieldError } from '@/lib/api/errors';
import { requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { replyToMessage } from '@/lib/inbox/reply-to-message';
import { composedBody } from '@/lib/mail/composed-body';

export type SendReplyState = { error?: string; details?: FieldError[] };

/** "Name <a@b>, c@d" → the addresses as typed (the outbox's schema reads each). */
function list(value: FormDataEntryValue | null): string[] {
  return String(value ?? '')
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function sendReplyAction(_state: SendReplyState, formData: FormData): Promise<SendReplyState> {
  const [{ ctx }, locale] = await Promise.all([requireSessionOrg(), getLocale()]);
  const id = String(formData.get('id') ?? '');
  const mode = String(formData.get('mode') ?? 'reply');
  // The editor's HTML, sanitised, with its text part; without JavaScript the plain text box.
  const body = composedBody(String(formData.get('html') ?? ''));
  const common = {
    cc: list(formData.get('cc')),
    subject: String(formData.get('subject') ?? ''),
    text: body.text ?? String(formData.get('text') ?? ''),
    html: body.html,
    locale: (locale === 'fr' ? 'fr' : 'en') as 'en' | 'fr',
  };
  let sentId: string;
  try {
    const sent =
      mode === 'forward'
        ? await replyToMessage(
            getDb(),
            ctx,
            id,
            {
              ...common,
              to: list(formData.get('to')),
              includeAttachments: formData.get('includeAttachments') === 'on',
            },
            { forward: true },
          )
        : await replyToMessage(getDb(), ctx, id, {
            ...common,
            all: mode === 'all',
            to: list(formData.get('to')),
          });
    sentId = sent.id;
  } catch (error) {
    // The form keeps what was typed (useKeptForm); the problems go under their fields.
    return userError(error, { ...common, to: list(formData.get('to')) });
  }
  redirect(`/inbox/messages/${id}?sent=${sentId}`);
}
