import { migrateDatabase } from '@/lib/db/migrate';
import { loadEnvOrExit } from '@/lib/env';
import { defineCommand } from '../command';

export const dbMigrateCommand = defineCommand({
  name: 'db:migrate',
  summary: 'Apply database migrations and install the job queues',
  usage: 'db:migrate',
  options: {},
  run: async () => {
    await migrateDatabase(loadEnvOrExit().databaseUrl);
    console.log('Database is up to date.');
    return 0;
  },
});
