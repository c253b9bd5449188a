// The SMS channel of the delivery core: content in outbox_sms (phone number, text, segments,
// encoding), the account's provider from lib/sms (Twilio, Brevo, preview) and its classifier. A
// number that replied STOP, or was put on the suppression list, since the message was enqueued is
// not sent to: the message is skipped (cancelled, with the reason) instead.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outboxSms, smsAccountSettings } from '../db/schema/sms';
import { classifySmsError } from '../sms/classify-sms-error';
import { buildSmsTransport } from '../sms/transports/account-sms-transport';
import { smsWebhookUrls } from '../sms/webhook-urls';
import type { DeliveryChannel } from './channels';
import { findSmsRefusals } from './sms-refusals';
import { uuidArray } from './uuid-array';

export const smsChannel: DeliveryChannel = {
  async open(db: Db, sender, messages) {
    const [contents, [settings]] = await Promise.all([
      db
        .select()
        .from(outboxSms)
        .where(sql`${outboxSms.messageId} = any(${uuidArray(messages.map((m) => m.id))})`),
      db.select().from(smsAccountSettings).where(eq(smsAccountSettings.senderId, sender.id)),
    ]);
    const byId = new Map(contents.map((c) => [c.messageId, c]));
    const phones = [...new Set(contents.map((c) => c.toPhone))];
    const skip = await findSmsRefusals(db, sender.orgId, phones);
    const transport = await buildSmsTransport(db, sender, settings ?? null);
    const callback = settings ? smsWebhookUrls(sender.kind, settings.webhookToken)?.status : undefined;
    return async (m) => {
      const sms = byId.get(m.id);
      if (!sms) throw new Error(`SMS ${m.id} has no content (outbox_sms)`);
      const reason = skip.get(sms.toPhone);
      if (reason) return { kind: 'skipped', reason };
      return {
        kind: 'sent',
        result: await transport.send({
          id: m.id,
          from: m.fromAddress,
          to: sms.toPhone,
          text: sms.text,
          statusCallbackUrl: callback ?? null,
        }),
      };
    };
  },
  classify: classifySmsError,
  lanes: (sender) => (sender.kind === 'preview' ? 4 : Math.max(1, sender.maxConnections)),
};
