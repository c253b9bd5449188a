-- Every stored message keeps its place: one location per existing message, where it was found.
INSERT INTO "inbox_message_locations" ("org_id", "mailbox_id", "message_id", "folder", "uid_validity", "uid", "found_at")
SELECT "org_id", "mailbox_id", "id", "folder", "uid_validity", "uid", "created_at" FROM "inbox_messages"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The old rule dropped different messages that shared a Message-ID (or stable headers). Walk every
-- folder again from its first UID: stored messages are recognised by their location and skipped,
-- the dropped ones are imported.
UPDATE "inbox_folder_cursors" SET "backfill_before_uid" = GREATEST(COALESCE("backfill_before_uid", 0), "last_uid" + 1), "updated_at" = now();
