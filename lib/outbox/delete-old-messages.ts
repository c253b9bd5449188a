// Retention: finished messages (sent, failed, cancelled, expired) older than MAILROOM_RETENTION_DAYS
// are deleted with their attempts and attachments (ON DELETE CASCADE), a few thousand per
// statement so the job never holds long locks; then the stored files nothing refers to any more
// (an invoice's PDF stays as long as its invoice). Waiting messages are never touched.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { env } from '../env';
import { deleteUnreferencedFiles } from '../files/delete-unreferenced-files';
import { log } from '../log';

export async function deleteOldMessages(db: Db, options: { days?: number } = {}): Promise<number> {
  const days = options.days ?? env().MAILROOM_RETENTION_DAYS;
  let total = 0;
  for (;;) {
    const deleted = await db.execute<{ id: string }>(sql`
      delete from outbox_messages where id in (
        select id from outbox_messages
        where status in ('sent', 'failed', 'cancelled', 'expired')
          and finished_at < now() - make_interval(days => ${days})
        limit 2000
      )
      returning id
    `);
    total += deleted.length;
    if (deleted.length < 2000) break;
  }
  const files = await deleteUnreferencedFiles(db);
  log.info({ deleted: total, files, retentionDays: days }, 'outbox retention');
  return total;
}
