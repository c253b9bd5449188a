// The SMS preview: instead of leaving the machine, the SMS is kept in the organisation's preview
// mailbox (/preview) as a plain-text message "From: <sender>" "To: <number>", beside previewed mail.
// It is what an organisation sends through until it adds a real provider (the embedded default).
import type { DbOrTx } from '../../db/client';
import { capturePreviewMessage } from '../../mail/transports/preview';
import type { OutgoingSms, SmsTransport } from './sms-transport';

export function createSmsPreviewTransport(db: () => DbOrTx, orgId: string): SmsTransport {
  return {
    async send(sms: OutgoingSms) {
      const stored = await capturePreviewMessage(db(), orgId, {
        messageId: `<${sms.id}@sms.mailroom>`,
        from: { name: sms.from, address: 'sms@preview.invalid' },
        to: { name: sms.to, address: `${sms.to.replace(/^\+/, '')}@sms.invalid` },
        subject: `SMS to ${sms.to}`,
        text: sms.text,
        headers: {
          'X-Mailroom-Channel': 'sms',
          'X-Mailroom-Sms-To': sms.to,
          'X-Mailroom-Sms-From': sms.from,
        },
      });
      return {
        providerMessageId: stored.id,
        response: 'Kept in the preview mailbox',
        accepted: [sms.to],
        rejected: [],
      };
    },
    verify: async () => ({
      ok: true,
      message: 'Preview account: SMS are kept in the preview mailbox of the app and never leave it.',
    }),
  };
}
