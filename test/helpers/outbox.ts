// Outbox fixtures: a sender account pointing at the test SMTP sink, made with the app's own use-case.
import type { OrgContext } from '@/lib/auth/org-context';
import type { Db } from '@/lib/db/client';
import { createSender } from '@/lib/outbox/create-sender';
import type { CreateSenderInput } from '@/lib/outbox/sender.schema';
import type { SmtpSink } from './smtp-sink';

export function sinkSenderInput(
  sink: SmtpSink,
  overrides: Partial<CreateSenderInput> = {},
): CreateSenderInput {
  return {
    name: 'Test sink',
    kind: 'smtp',
    fromAddress: 'office@example.test',
    fromName: 'The Office',
    host: sink.host,
    port: sink.port,
    security: 'starttls',
    username: sink.user,
    password: sink.pass,
    allowInvalidCertificate: true,
    ...overrides,
  };
}

export async function createSinkSender(
  db: Db,
  ctx: OrgContext,
  sink: SmtpSink,
  overrides: Partial<CreateSenderInput> = {},
) {
  return createSender(db, ctx, sinkSenderInput(sink, overrides));
}
