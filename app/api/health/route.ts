import { json } from '@/lib/api/respond';
import { publicRoute } from '@/lib/api/route';
import { probeHealth } from '@/lib/runtime/check-health';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async () => {
  const health = await probeHealth();
  return json(health, health.status === 'ok' ? 200 : 503, { 'Cache-Control': 'no-store' });
});
