import { otherMethods } from '@/lib/api/method-not-allowed';
import { json } from '@/lib/api/respond';
import { orgRoute, readJson, readQuery } from '@/lib/api/route';
import { invoiceRunInput } from '@/lib/bulk/invoice-run.schema';
import { startInvoiceRun } from '@/lib/bulk/start-invoice-run';
import { getDb } from '@/lib/db/client';
import { listRuns } from '@/lib/progress/list-runs';
import { listRunsQuery } from '@/lib/progress/progress.schema';

export const GET = orgRoute(async (req, ctx) => ({
  runs: await listRuns(getDb(), ctx, readQuery(req, listRunsQuery)),
}));

// Only invoice runs can be started over the API today; `kind` says which.
export const POST = orgRoute(async (req, ctx) => {
  const input = await readJson(req, invoiceRunInput);
  return json(await startInvoiceRun(getDb(), ctx, input), 201);
});

// Every other method: 405 with the error shape.
export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
