'use server';

// What the message editors (Compose, and the inbox's reply) ask the server while one is typed:
// address suggestions and the preview of the message as it will be sent. Both act for the
// signed-in member's current organisation only.
import { requireSessionOrg } from '@/lib/auth/session-org';
import type { AddressSuggestion } from '@/lib/contacts/rank-address-suggestions';
import { suggestAddresses } from '@/lib/contacts/suggest-addresses';
import { getDb } from '@/lib/db/client';
import { composedBody } from '@/lib/mail/composed-body';
import { sanitizeMessageHtml } from '@/lib/mail/sanitize-message-html';

export async function suggestAddressesAction(typed: string): Promise<AddressSuggestion[]> {
  const { ctx } = await requireSessionOrg();
  if (typeof typed !== 'string') return [];
  return suggestAddresses(getDb(), ctx, typed.slice(0, 100));
}

export type ComposedPreview = { html: string; text: string };

/** The HTML part as the sandboxed frame shows it and the text part, both as the server will send them. */
export async function previewComposedAction(html: string): Promise<ComposedPreview> {
  await requireSessionOrg();
  const body = composedBody(typeof html === 'string' ? html : '');
  return { html: sanitizeMessageHtml(body.html ?? ''), text: body.text ?? '' };
}
