// The email channel of the delivery core: content in outbox_messages' own columns (addresses,
// subject, bodies, headers, Message-ID) and outbox_message_attachments; the account's pooled
// transport from lib/mail (SMTP on the sending threads, Gmail, preview); SMTP-aware classification.

import { classifySendError } from '../mail/classify-send-error';
import type { OutgoingAttachment, OutgoingMail } from '../mail/transports/transport';
import { senderTransport } from '../mail/transports/worker-sender-transports';
import type { DeliveryChannel } from './channels';
import type { ClaimedMessage } from './claim-due-messages';

export const emailChannel: DeliveryChannel = {
  async open(_db, sender, _messages, files) {
    const transport = senderTransport(sender);
    return async (m) => {
      const attachments = m.attachmentCount > 0 ? await files.read(m.id) : [];
      return { kind: 'sent', result: await transport.send(outgoing(m, attachments)) };
    };
  },
  classify: classifySendError,
  lanes: (sender) => (sender.kind === 'preview' ? 4 : Math.max(1, sender.maxConnections)),
};

function outgoing(m: ClaimedMessage, attachments: OutgoingAttachment[]): OutgoingMail {
  return {
    messageId: m.messageId,
    from: m.fromName ? { address: m.fromAddress, name: m.fromName } : { address: m.fromAddress },
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    replyTo: m.replyTo,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: m.headers,
    attachments,
  };
}
