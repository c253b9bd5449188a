// Test files call route handlers and use-cases in their own process: it wires the feature
// handlers the way the web app (instrumentation.ts), the worker and the CLI do.
import { registerOriginHandlers } from '@/lib/register-origin-handlers';

registerOriginHandlers();
