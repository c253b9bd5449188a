// Why an invoice's email failed, in words: the SMTP reply code (or the kind of failure Mailroom
// recorded) picks a sentence; the server's own answer is shown beside it as it was.
export type DeliveryErrorKey =
  | 'noSuchAddress'
  | 'mailboxFull'
  | 'refusedAsSpam'
  | 'temporary'
  | 'expired'
  | 'cancelled'
  | 'other';

export function deliveryErrorKey(error: string | null): DeliveryErrorKey {
  const text = error ?? '';
  const code = /(?:^|\D)([45])(\d\d)(?:[\s-]|$)/.exec(text);
  if (code) {
    const reply = Number(code[1]! + code[2]!);
    if (reply === 552) return 'mailboxFull';
    if (reply === 554) return 'refusedAsSpam';
    if (reply >= 550 && reply <= 553) return 'noSuchAddress';
    if (code[1] === '4') return 'temporary';
  }
  if (/expired/i.test(text)) return 'expired';
  if (/cancel/i.test(text)) return 'cancelled';
  return 'other';
}
