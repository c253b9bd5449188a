import { json } from '@/lib/api/respond';
import { publicRoute } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { checkHealth } from '@/lib/runtime/check-health';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async () => {
  const health = await checkHealth(getDb());
  return json(health, health.status === 'ok' ? 200 : 503, { 'Cache-Control': 'no-store' });
});
