// Next.js calls register() once when a web server process starts: the web app wires itself here
// like the worker and the CLI do (a cancel in this process settles messages as surely as a send).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerOriginHandlers } = await import('./lib/register-origin-handlers');
    registerOriginHandlers();
  }
}
