// Every minute: SMS delivery reports kept because they came before their SMS was known by the
// provider's id are recorded now that it is (lib/sms/early-reports.ts).
import { getDb } from '@/lib/db/client';
import { smsEarlyReportsQueue } from '@/lib/jobs/queues';
import { applyEarlyReports } from '@/lib/sms/early-reports';
import { defineJob } from '../job';

export const smsEarlyReportsJob = defineJob({
  queue: smsEarlyReportsQueue,
  cron: '* * * * *',
  handle: () => applyEarlyReports(getDb()),
});
