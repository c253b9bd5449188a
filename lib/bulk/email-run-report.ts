// The person who started an invoice run hears how it ended by email: counts, the failed invoices
// with their reasons, and a link to the run page where they can be fixed and resent. Written when
// the run's last email settles, in that settling transaction, through the outbox from the run's own
// sender account — so it is as durable as the invoices themselves and retried the same way.
// A pass that resent one invoice ("Resend this one") sends no report: whoever fixes invoices one
// by one is on the run page watching it, and a report per invoice would be noise.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema/auth';
import { memberships, organizations } from '../db/schema/orgs';
import { type Run, runEvents } from '../db/schema/progress';
import { env } from '../env';
import { getTranslator } from '../i18n/get-translator';
import { resolveLocale } from '../i18n/resolve-locale';
import { log } from '../log';
import { escapeHtml } from '../mail/escape-html';
import { enqueueMessage } from '../outbox/enqueue-message';
import { listFailedDeliveries } from './list-failed-deliveries';

/** Failed invoices listed in the email; the run page has them all. */
const LISTED = 20;

export async function emailRunReport(tx: DbOrTx, run: Run): Promise<void> {
  if (run.kind !== 'invoices' || !run.createdBy) return;
  if (await passResentOneInvoice(tx, run.id)) return;
  const senderId = typeof run.params.senderId === 'string' ? run.params.senderId : undefined;
  const [starter] = await tx
    .select({ email: users.email, locale: users.locale, orgLocale: organizations.defaultLocale })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.orgId, run.orgId)))
    .innerJoin(organizations, eq(organizations.id, run.orgId))
    .where(eq(users.id, run.createdBy));
  // Someone who has left the organisation since hears nothing of it.
  if (!starter?.email) return;

  const ctx = { orgId: run.orgId, role: 'admin' as const, actor: { kind: 'system' as const } };
  const t = getTranslator(resolveLocale({ userLocale: starter.locale, orgLocale: starter.orgLocale }));
  const failed = run.failed > 0 ? await listFailedDeliveries(tx, ctx, run.id, { limit: LISTED }) : [];
  const url = `${env().APP_URL}/runs/${run.id}`;
  const counts = { sent: run.succeeded, failed: run.failed, cancelled: run.cancelled, total: run.total };
  const subject = t(run.failed > 0 ? 'emails.runReport.subjectFailed' : 'emails.runReport.subject', counts);
  const lines = failed.map((f) =>
    t('emails.runReport.failedLine', {
      client: f.clientName ? `${f.clientCode} (${f.clientName})` : f.clientCode,
      reason: f.error ?? '—',
    }),
  );
  const more =
    run.failed > failed.length ? [t('emails.runReport.more', { count: run.failed - failed.length })] : [];
  const summary = t('emails.runReport.summary', counts);
  const action = t(run.failed > 0 ? 'emails.runReport.fixThem' : 'emails.runReport.open');
  const text = [summary, '', ...lines, ...more, ...(lines.length ? [''] : []), `${action} ${url}`].join('\n');
  const html = [
    `<p>${escapeHtml(summary)}</p>`,
    lines.length ? `<ul>${[...lines, ...more].map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '',
    `<p><a href="${escapeHtml(url)}">${escapeHtml(action)}</a></p>`,
  ].join('');

  // In a savepoint: a report that cannot be queued (its sender deleted meanwhile…) must not undo
  // the outcomes being settled with it.
  try {
    await tx.transaction(async (sp) => {
      await enqueueMessage(
        sp,
        ctx,
        { senderId, to: [{ address: starter.email }], subject, text, html },
        { origin: { kind: 'run-report', id: run.id } },
      );
    });
  } catch (error) {
    log.warn({ runId: run.id, err: error }, 'the run report email could not be queued');
  }
}

/** Whether the run's current pass was started by "Resend this one" (its `start` event says so). */
async function passResentOneInvoice(tx: DbOrTx, runId: string): Promise<boolean> {
  const [start] = await tx
    .select({ data: runEvents.data })
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.kind, 'start')))
    .orderBy(desc(runEvents.seq))
    .limit(1);
  return typeof start?.data.invoiceId === 'string';
}
