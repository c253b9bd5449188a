// The preview transport: instead of leaving the machine, the message is stored whole in
// preview_messages and shown in the app's preview mailbox.
import type Mail from 'nodemailer/lib/mailer';
import type { DbOrTx } from '../../db/client';
import { previewMessages } from '../../db/schema/preview';
import { buildMime } from '../build-mime';
import { toNodemailer } from './nodemailer-options';
import type { Transport } from './transport';

export async function capturePreviewMessage(
  db: DbOrTx,
  orgId: string | null,
  mail: Mail.Options & { messageId: string },
): Promise<{ id: string; messageId: string }> {
  const raw = await buildMime(mail);
  const [row] = await db
    .insert(previewMessages)
    .values({
      orgId,
      messageId: mail.messageId,
      from: addressText(mail.from),
      to: [mail.to, mail.cc, mail.bcc].flatMap(addressList),
      subject: mail.subject ?? '',
      raw,
    })
    .returning({ id: previewMessages.id, messageId: previewMessages.messageId });
  if (!row) throw new Error('preview insert returned nothing');
  return row;
}

type AddressField = Mail.Options['to'];

function addressList(field: AddressField): string[] {
  if (!field) return [];
  const items = Array.isArray(field) ? field : [field];
  return items.map((a) => addressText(a));
}

function addressText(a: string | Mail.Address | undefined | AddressField): string {
  if (!a) return '';
  if (typeof a === 'string') return a;
  if (Array.isArray(a)) return a.map((x) => addressText(x)).join(', ');
  return a.name ? `${a.name} <${a.address}>` : (a.address ?? '');
}

/** The preview mailbox as a Transport: what an org's preview sender account sends through. */
export function createPreviewTransport(db: () => DbOrTx, orgId: string): Transport {
  return {
    send: async (mail) => {
      const stored = await capturePreviewMessage(db(), orgId, {
        ...toNodemailer(mail),
        messageId: mail.messageId,
      });
      return {
        providerMessageId: stored.id,
        response: '250 Kept in the preview mailbox',
        accepted: [...mail.to, ...mail.cc, ...mail.bcc].map((a) => a.address),
        rejected: [],
      };
    },
    verify: async () => ({
      ok: true,
      message: 'Preview account: mail is kept in the preview mailbox of the app and never leaves it.',
    }),
    close: () => {},
  };
}
