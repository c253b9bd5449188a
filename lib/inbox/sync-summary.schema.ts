// What one sync run of a mailbox did, stored on the mailbox (last_run) and returned by the API,
// the CLI and the worker's log line.
import { z } from 'zod';

export const folderRunSummary = z.object({
  folder: z.string(),
  /** Nothing had changed since the last run (the STATUS check was enough). */
  unchanged: z.boolean(),
  imported: z.number().int(),
  /**
   * The same server message seen again: a UID already handled at this location, or a message
   * already stored found at another location (another folder, a new UIDVALIDITY). Never stored twice.
   */
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  /** Locations the server no longer has (deleted, moved away, not found after a UIDVALIDITY change). */
  removed: z.number().int().default(0),
  /**
   * How deletions and moves were found: `qresync` (the server reported the UIDs that vanished since
   * the last run) or `uid-comparison` (the folder's UIDs listed and compared); absent when unchanged.
   */
  removalCheck: z.enum(['qresync', 'uid-comparison']).optional(),
  /** Messages whose \Seen flag changed on the server and was updated here. */
  flagUpdates: z.number().int(),
  /** The folder's UIDVALIDITY changed: its messages are being recognised again by content. */
  uidValidityChanged: z.boolean(),
  /** Older messages (within the window) still to be fetched by a later run. */
  backfillPending: z.boolean(),
  error: z.string().nullable(),
});
export type FolderRunSummary = z.infer<typeof folderRunSummary>;

export function emptyFolderSummary(folder: string, error: string | null = null): FolderRunSummary {
  return {
    folder,
    unchanged: false,
    imported: 0,
    duplicates: 0,
    quarantined: 0,
    removed: 0,
    flagUpdates: 0,
    uidValidityChanged: false,
    backfillPending: false,
    error,
  };
}

export const syncRunSummary = z.object({
  /** `push`: new mail announced by IMAP IDLE (only the watched folder is synced). */
  reason: z.enum(['schedule', 'manual', 'cli', 'push']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  removed: z.number().int().default(0),
  flagUpdates: z.number().int(),
  backfillPending: z.boolean(),
  folders: z.array(folderRunSummary),
});
export type SyncRunSummary = z.infer<typeof syncRunSummary>;
