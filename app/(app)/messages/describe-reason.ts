// A recipient's or a message's stored reason ("opted-out: …", "missing-value: no value for {x}")
// in the viewer's words: the code before the colon picks the sentence, the rest is kept as detail.
import type { useTranslations } from 'next-intl';

type T = ReturnType<typeof useTranslations<'broadcasts'>>;

const CODES = {
  'opted-out': 'reasonOptedOut',
  'missing-value': 'reasonMissingValue',
  'no-address': 'reasonNoAddress',
  expired: 'reasonExpired',
  refused: 'reasonRefused',
  'no-recipient': 'reasonNoRecipient',
  undelivered: 'reasonUndelivered',
  bounced: 'reasonBounced',
  suppressed: 'reasonSuppressed',
} as const;

export function describeReason(t: T, reason: string | null): string {
  if (!reason) return '';
  const at = reason.indexOf(':');
  const code = at > 0 ? reason.slice(0, at) : reason;
  const detail = at > 0 ? reason.slice(at + 1).trim() : '';
  const key = CODES[code as keyof typeof CODES];
  return key ? t(key, { detail }) : reason;
}
