// Setup file of every e2e file: wait until the global setup's background build and start of the
// shared app are done (test/e2e/global-setup.ts). Files that start their own app from the same
// build need the build too.
import fs from 'node:fs';
import { inject } from 'vitest';

const statusFile = inject('e2eAppStatusFile');
const deadline = Date.now() + 15 * 60_000;
for (;;) {
  const status = fs.existsSync(statusFile) ? fs.readFileSync(statusFile, 'utf8') : '';
  if (status === 'ready') break;
  if (status) throw new Error(status);
  if (Date.now() > deadline) throw new Error('the e2e app was not built and started within 15 minutes');
  await new Promise((r) => setTimeout(r, 250));
}
