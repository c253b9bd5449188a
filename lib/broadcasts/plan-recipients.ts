// Who gets what, from the contacts a message reaches: each contact gets the channels it can receive
// (no phone: the email only, and the reverse); an opt-out or a missing variable value makes that
// channel's row "skipped" with the reason; a contact reachable on none of them is one skipped row.
import type { BroadcastChannel } from '../db/schema/broadcasts';
import { renderVariables, type VariableSource } from './message-variables';

export type ReachedContact = VariableSource & {
  id: string;
  language: string | null;
  emailOptOutAt: Date | null;
  emailOptOutReason: string | null;
  smsOptOutAt: Date | null;
  smsOptOutReason: string | null;
};

export type PlannedRecipient = {
  contact: ReachedContact;
  channel: BroadcastChannel;
  address: string | null;
  name: string;
  status: 'pending' | 'skipped';
  /** skipped: why, in English; its code first ("opted-out", "missing-value", "no-address"). */
  reason: string | null;
  reasonCode: 'opted-out' | 'missing-value' | 'no-address' | null;
  subject: string;
  text: string;
};

const LABEL: Record<BroadcastChannel, string> = { email: 'email address', sms: 'mobile phone number' };

export function planRecipients(
  reached: ReachedContact[],
  m: { channels: BroadcastChannel[]; subject: string; content: string },
): PlannedRecipient[] {
  const out: PlannedRecipient[] = [];
  for (const contact of reached) {
    const name = `${contact.firstName} ${contact.lastName}`.trim();
    const reachable = m.channels.filter((ch) => (ch === 'email' ? contact.email : contact.phone));
    if (reachable.length === 0) {
      out.push({
        contact,
        channel: m.channels[0]!,
        address: null,
        name,
        status: 'skipped',
        reason: `no-address: no ${m.channels.map((c) => LABEL[c]).join(' nor ')}`,
        reasonCode: 'no-address',
        subject: '',
        text: '',
      });
      continue;
    }
    for (const channel of reachable) {
      const address = channel === 'email' ? contact.email! : contact.phone!;
      const base = { contact, channel, address, name, subject: '', text: '' };
      const optedOut = channel === 'email' ? contact.emailOptOutAt : contact.smsOptOutAt;
      if (optedOut) {
        const why = channel === 'email' ? contact.emailOptOutReason : contact.smsOptOutReason;
        out.push({
          ...base,
          status: 'skipped',
          reason: `opted-out: opted out of ${channel === 'email' ? 'email' : 'SMS'}${why ? ` (${why})` : ''}`,
          reasonCode: 'opted-out',
        });
        continue;
      }
      const subject =
        channel === 'email' ? renderVariables(m.subject, contact) : { ok: true as const, text: '' };
      const text = renderVariables(m.content, contact);
      const missing = !subject.ok ? subject.missing : !text.ok ? text.missing : null;
      if (missing || !subject.ok || !text.ok) {
        out.push({
          ...base,
          status: 'skipped',
          reason: `missing-value: no value for {${missing}}`,
          reasonCode: 'missing-value',
        });
        continue;
      }
      out.push({
        ...base,
        status: 'pending',
        reason: null,
        reasonCode: null,
        subject: subject.text,
        text: text.text,
      });
    }
  }
  return out;
}
