// Mailroom's whole configuration, read from the environment and validated once. A missing or
// invalid value stops the process with one message that names every bad variable.
import crypto from 'node:crypto';
import os from 'node:os';
import { z } from 'zod';
import { readDataFile, writeDataFile } from './runtime/data-dir';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: postgresUrl.optional().or(z.literal('').transform(() => undefined)),
    MAILROOM_SECRET_KEY: optionalString.pipe(
      z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes): openssl rand -hex 32')
        .optional(),
    ),
    APP_URL: z.url().default('http://localhost:3000'),
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
        .optional(),
    ),
    MAIL_FROM: z.string().default('Mailroom <mailroom@localhost>'),
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    // Google sign-in's OpenID Connect issuer (discovery at <issuer>/.well-known/openid-configuration).
    AUTH_GOOGLE_ISSUER: z.url().default('https://accounts.google.com'),
    AUTH_MICROSOFT_ENTRA_ID_ID: optionalString,
    AUTH_MICROSOFT_ENTRA_ID_SECRET: optionalString,
    AUTH_MICROSOFT_ENTRA_ID_ISSUER: optionalString.pipe(z.url().optional()),
    // Connected Google / Microsoft accounts (OAuth): see README "Google and Microsoft accounts".
    // Every endpoint defaults to the real one; tests, sovereign clouds and proxies point elsewhere.
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    GOOGLE_AUTH_URL: z.url().default('https://accounts.google.com/o/oauth2/v2/auth'),
    GOOGLE_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
    GOOGLE_REVOKE_URL: z.url().default('https://oauth2.googleapis.com/revoke'),
    GOOGLE_USERINFO_URL: z.url().default('https://openidconnect.googleapis.com/v1/userinfo'),
    GMAIL_API_URL: z.url().default('https://gmail.googleapis.com/'),
    GOOGLE_IMAP_HOST: z.string().default('imap.gmail.com'),
    GOOGLE_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
    GOOGLE_IMAP_SECURITY: z.enum(['tls', 'starttls', 'none']).default('tls'),
    MICROSOFT_CLIENT_ID: optionalString,
    MICROSOFT_CLIENT_SECRET: optionalString,
    MICROSOFT_TENANT: z.string().default('common'),
    /** `{tenant}` is replaced by MICROSOFT_TENANT. */
    MICROSOFT_AUTHORITY_URL: z.url().default('https://login.microsoftonline.com/{tenant}'),
    MICROSOFT_GRAPH_URL: z.url().default('https://graph.microsoft.com/v1.0'),
    /** Where the SMS providers' APIs are (a local server in tests, a proxy if you need one). */
    TWILIO_API_URL: z.url().default('https://api.twilio.com'),
    BREVO_API_URL: z.url().default('https://api.brevo.com'),
    /**
     * The address the SMS providers call back (delivery reports, replies): the app's public URL when
     * APP_URL is only reachable inside your network. Unset: APP_URL.
     */
    MAILROOM_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
    /**
     * How Microsoft 365 accounts send: `graph` (Microsoft Graph /me/sendMail; works in tenants where
     * SMTP AUTH is off, which is Microsoft's default) or `smtp` (smtp.office365.com with XOAUTH2;
     * needs SMTP AUTH enabled for the mailbox or tenant).
     */
    MICROSOFT_SEND_VIA: z.enum(['graph', 'smtp']).default('graph'),
    MICROSOFT_SMTP_HOST: z.string().default('smtp.office365.com'),
    MICROSOFT_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    MICROSOFT_SMTP_SECURITY: z.enum(['tls', 'starttls', 'none']).default('starttls'),
    MICROSOFT_IMAP_HOST: z.string().default('outlook.office365.com'),
    MICROSOFT_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
    MICROSOFT_IMAP_SECURITY: z.enum(['tls', 'starttls', 'none']).default('tls'),
    MAILROOM_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    // Behind a reverse proxy every sign-in comes from the proxy's address: room for everyone there.
    MAILROOM_SIGNIN_EMAILS_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(20),
    // Outbox (sending): see README "Sending mail (outbox)".
    MAILROOM_SEND_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
    MAILROOM_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
    // One sending thread per core beside the main thread, at most 2: each thread is an isolate of
    // its own (~45 MB, nodemailer compiled again), and on 2 cores a second one only costs CPU.
    MAILROOM_SMTP_THREADS: z.coerce
      .number()
      .int()
      .min(0)
      .max(16)
      .default(Math.min(2, Math.max(1, os.availableParallelism() - 1))),
    MAILROOM_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
    MAILROOM_SEND_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(20),
    MAILROOM_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(86_400).default(60),
    MAILROOM_RETRY_MAX_SECONDS: z.coerce
      .number()
      .min(1)
      .max(7 * 86_400)
      .default(3600),
    // An unreachable server pauses its account this long at first, doubling up to the maximum.
    MAILROOM_UNREACHABLE_PAUSE_MIN_SECONDS: z.coerce.number().min(0.1).max(86_400).default(30),
    MAILROOM_UNREACHABLE_PAUSE_MAX_SECONDS: z.coerce.number().min(0.1).max(86_400).default(600),
    MAILROOM_SCHEDULED_EXPIRY_HOURS: z.coerce
      .number()
      .min(0.001)
      .max(24 * 366)
      .default(24),
    WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Inbox (IMAP sync): see README "Receiving mail".
    INBOX_SYNC_WINDOW_DAYS: z.coerce.number().int().min(0).max(36500).default(90),
    INBOX_SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(2000).default(250),
    INBOX_SYNC_MAX_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
    INBOX_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    INBOX_MAX_CONNECTIONS_PER_HOST: z.coerce.number().int().min(1).max(100).default(4),
    INBOX_MAX_MESSAGE_MB: z.coerce.number().min(1).max(200).default(25),
    INBOX_PUSH: z
      .enum(['true', 'false', '1', '0', ''])
      .default('true')
      .transform((v) => v !== 'false' && v !== '0'),
    INBOX_PUSH_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(45),
    INBOX_IDLE_RENEW_MINUTES: z.coerce.number().min(0.05).max(28).default(25),
    INBOX_ALLOW_PLAINTEXT: z
      .enum(['true', 'false', '1', '0', ''])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    // Security: see README "Security". Production without SMTP_URL refuses to start unless
    // MAILROOM_PREVIEW_MAIL=true; MAILROOM_ALLOW_PRIVATE_HOSTS=false is for multi-tenant servers.
    MAILROOM_PREVIEW_MAIL: z
      .enum(['true', 'false', '1', '0', ''])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    MAILROOM_ALLOW_PRIVATE_HOSTS: z
      .enum(['true', 'false', '1', '0', ''])
      .default('true')
      .transform((v) => v !== 'false' && v !== '0'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.MAILROOM_SECRET_KEY && env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAILROOM_SECRET_KEY'],
        message: 'is required in production with an external DATABASE_URL: openssl rand -hex 32',
      });
    }
    if (Boolean(env.AUTH_GOOGLE_ID) !== Boolean(env.AUTH_GOOGLE_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.AUTH_GOOGLE_ID ? 'AUTH_GOOGLE_SECRET' : 'AUTH_GOOGLE_ID'],
        message: 'Google sign-in needs both AUTH_GOOGLE_ID and AUTH_GOOGLE_SECRET',
      });
    }
    for (const [id, secret] of [
      ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
      ['MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET'],
    ] as const) {
      if (Boolean(env[id]) !== Boolean(env[secret]))
        ctx.addIssue({
          code: 'custom',
          path: [env[id] ? secret : id],
          message: `connecting accounts needs both ${id} and ${secret}`,
        });
    }
    if (Boolean(env.AUTH_MICROSOFT_ENTRA_ID_ID) !== Boolean(env.AUTH_MICROSOFT_ENTRA_ID_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [
          env.AUTH_MICROSOFT_ENTRA_ID_ID ? 'AUTH_MICROSOFT_ENTRA_ID_SECRET' : 'AUTH_MICROSOFT_ENTRA_ID_ID',
        ],
        message: 'Microsoft sign-in needs both AUTH_MICROSOFT_ENTRA_ID_ID and AUTH_MICROSOFT_ENTRA_ID_SECRET',
      });
    }
  });

export type Env = z.infer<typeof envSchema> & {
  /** The database to use: DATABASE_URL, or the running embedded server's. */
  databaseUrl: string;
  /** 32 bytes that seal secrets; from MAILROOM_SECRET_KEY or generated once into .data/. */
  secretKey: Buffer;
  /** True when no SMTP_URL is set: system mail is captured in the preview mailbox. */
  previewMail: boolean;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment; exported for tests. Never prints values, only names. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'} ${i.message}`));
  }
  const env = parsed.data;
  const databaseUrl = env.DATABASE_URL ?? embeddedDatabaseUrl();
  if (!databaseUrl) {
    throw new ConfigError([
      'DATABASE_URL is not set and no embedded database is running: set DATABASE_URL, or start the embedded one with `npm run dev` (or `npm start`)',
    ]);
  }
  return {
    ...env,
    databaseUrl,
    secretKey: env.MAILROOM_SECRET_KEY ? Buffer.from(env.MAILROOM_SECRET_KEY, 'hex') : generatedSecretKey(),
    previewMail: !env.SMTP_URL,
  };
}

function embeddedDatabaseUrl(): string | undefined {
  const raw = readDataFile('embedded.json');
  if (!raw) return undefined;
  try {
    return z.object({ url: z.string() }).parse(JSON.parse(raw)).url;
  } catch {
    return undefined;
  }
}

/** The embedded default's key: made once, kept in .data/secret.key (mode 600). */
function generatedSecretKey(): Buffer {
  const existing = readDataFile('secret.key')?.trim();
  if (existing && /^[0-9a-f]{64}$/.test(existing)) return Buffer.from(existing, 'hex');
  const key = crypto.randomBytes(32).toString('hex');
  writeDataFile('secret.key', `${key}\n`);
  return Buffer.from(key, 'hex');
}

let cached: Env | undefined;

/** The validated configuration, read on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** For process entry points: validate now, or print the problems and exit 1. */
export function loadEnvOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
