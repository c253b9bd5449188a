// The shapes of mailbox ("integration") settings at the edges: what the API and the settings form
// accept, and what they show back (never the password).
import { z } from 'zod';
import { type InboxMailbox, inboxSecurityEnum, inboxSyncStatusEnum } from '../db/schema/inbox';
import { inboxPresets } from './presets';
import { syncRunSummary } from './sync-summary.schema';

const noLineBreaks = (v: string) => !/[\r\n\0]/.test(v);

const folderName = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(500, 'is at most 500 characters')
  .refine(noLineBreaks, 'must not contain line breaks');

const host = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(253, 'is at most 253 characters')
  .regex(
    /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?|[0-9a-fA-F:]+)$/,
    'is not a host name or IP address',
  );

const presetId = z.string().refine((id) => inboxPresets.some((p) => p.id === id), {
  message: `is not a known preset (${inboxPresets.map((p) => p.id).join(', ')})`,
});

/** Without a preset, the server settings must be given. */
function requireServerWithoutPreset(
  input: { preset?: string | null; host?: string; port?: number; security?: string },
  ctx: z.RefinementCtx,
) {
  if (input.preset) return;
  for (const key of ['host', 'port', 'security'] as const) {
    if (input[key] === undefined)
      ctx.addIssue({ code: 'custom', path: [key], message: 'is required without a preset' });
  }
}

const fields = {
  name: z.string().trim().min(1, 'is required').max(100, 'is at most 100 characters'),
  preset: presetId.nullable(),
  host,
  port: z.coerce.number().int('must be a whole number').min(1).max(65535),
  security: z.enum(inboxSecurityEnum.enumValues),
  verifyTls: z.boolean(),
  username: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(320, 'is at most 320 characters')
    .refine(noLineBreaks, 'must not contain line breaks'),
  password: z
    .string()
    .min(1, 'is required')
    .max(1000, 'is at most 1000 characters')
    .refine(noLineBreaks, 'must not contain line breaks'),
  folders: z
    .array(folderName)
    .min(1, 'needs at least one folder')
    .max(50, 'is at most 50 folders')
    .transform((list) => [...new Set(list)]),
  intervalMinutes: z.coerce.number().int('must be a whole number').min(1).max(1440),
  active: z.boolean(),
  /** Watch INBOX with IMAP IDLE: new mail within seconds (the interval sync stays as the safety net). */
  push: z.boolean(),
  /** The sender account replies go out through; null: found from the mailbox (see resolve-reply-sender). */
  senderId: z.uuid('is not a sender account id').nullable(),
};

/** Host, port and security may be left out when a preset gives them. */
export const createIntegrationInput = z
  .object({
    kind: z.literal('imap').default('imap'),
    name: fields.name,
    preset: fields.preset.optional(),
    host: fields.host.optional(),
    port: fields.port.optional(),
    security: fields.security.optional(),
    verifyTls: fields.verifyTls.default(true),
    username: fields.username,
    password: fields.password,
    folders: fields.folders.default(['INBOX']),
    intervalMinutes: fields.intervalMinutes.default(5),
    active: fields.active.default(true),
    push: fields.push.default(true),
    senderId: fields.senderId.default(null),
  })
  .superRefine(requireServerWithoutPreset);
export type CreateIntegrationInput = z.input<typeof createIntegrationInput>;

/** Everything optional; a missing password keeps the stored one. */
export const updateIntegrationInput = z.object({
  name: fields.name.optional(),
  preset: fields.preset.optional(),
  host: fields.host.optional(),
  port: fields.port.optional(),
  security: fields.security.optional(),
  verifyTls: fields.verifyTls.optional(),
  username: fields.username.optional(),
  password: fields.password.optional(),
  folders: fields.folders.optional(),
  intervalMinutes: fields.intervalMinutes.optional(),
  active: fields.active.optional(),
  push: fields.push.optional(),
  senderId: fields.senderId.optional(),
});
export type UpdateIntegrationInput = z.input<typeof updateIntegrationInput>;

/** Settings to try before saving them (the settings form's "Test connection"). */
export const testConnectionInput = z
  .object({
    preset: fields.preset.optional(),
    host: fields.host.optional(),
    port: fields.port.optional(),
    security: fields.security.optional(),
    verifyTls: fields.verifyTls.default(true),
    username: fields.username,
    password: fields.password,
  })
  .superRefine(requireServerWithoutPreset);
export type TestConnectionInput = z.input<typeof testConnectionInput>;

export const testConnectionResult = z.object({
  ok: z.boolean(),
  /** The server's folders when the connection worked. */
  folders: z.array(
    z.object({
      path: z.string(),
      name: z.string(),
      specialUse: z.string().nullable(),
      messages: z.number().nullable(),
    }),
  ),
  /** What went wrong, in plain words (the server's own where it said something). */
  error: z.string().nullable(),
});
export type TestConnectionResult = z.infer<typeof testConnectionResult>;

export const integrationView = z.object({
  id: z.uuid(),
  kind: z.literal('imap'),
  name: z.string(),
  preset: z.string().nullable(),
  host: z.string(),
  port: z.number(),
  security: z.enum(inboxSecurityEnum.enumValues),
  verifyTls: z.boolean(),
  username: z.string(),
  folders: z.array(z.string()),
  intervalMinutes: z.number(),
  active: z.boolean(),
  push: z.boolean(),
  senderId: z.uuid().nullable(),
  status: z.enum(inboxSyncStatusEnum.enumValues),
  /** True while a sync run holds the mailbox. */
  syncing: z.boolean(),
  lastError: z.string().nullable(),
  lastErrorAt: z.date().nullable(),
  lastSyncAt: z.date().nullable(),
  lastSuccessAt: z.date().nullable(),
  nextSyncAt: z.date(),
  consecutiveFailures: z.number(),
  counts: z.object({ messages: z.number(), quarantined: z.number() }),
  lastRun: syncRunSummary.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type IntegrationView = z.infer<typeof integrationView>;

export const syncRequestView = z.object({
  integrationId: z.uuid(),
  /** The pg-boss job that will run (or is running) the sync. */
  jobId: z.string().nullable(),
  /** True when a sync of this mailbox was already queued or running: this request joined it. */
  joined: z.boolean(),
});
export type SyncRequestView = z.infer<typeof syncRequestView>;

/** A run older than this with no end is a crashed one, not a running one. */
const STALE_RUN_MS = 2 * 3600_000;

export function toIntegrationView(row: InboxMailbox, now = new Date()): IntegrationView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    preset: row.preset,
    host: row.host,
    port: row.port,
    security: row.security,
    verifyTls: row.verifyTls,
    username: row.username,
    folders: row.folders,
    intervalMinutes: row.intervalMinutes,
    active: row.active,
    push: row.push,
    senderId: row.senderId,
    status: row.status,
    syncing: row.syncStartedAt !== null && now.getTime() - row.syncStartedAt.getTime() < STALE_RUN_MS,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    lastSyncAt: row.lastSyncAt,
    lastSuccessAt: row.lastSuccessAt,
    nextSyncAt: row.nextSyncAt,
    consecutiveFailures: row.consecutiveFailures,
    counts: { messages: row.messageCount, quarantined: row.quarantinedCount },
    lastRun: row.lastRun,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
