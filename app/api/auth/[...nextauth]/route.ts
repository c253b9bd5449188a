import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/config';
import { onRequestedOrigin } from '@/lib/auth/on-requested-origin';

export const GET = (req: NextRequest) => handlers.GET(onRequestedOrigin(req));
export const POST = (req: NextRequest) => handlers.POST(onRequestedOrigin(req));
