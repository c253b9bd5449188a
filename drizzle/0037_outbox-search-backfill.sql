-- The outbox's search moves from an index on outbox_messages (half of an insert's database work) to
-- outbox_search, filled in batches after the insert (lib/outbox/index-outbox-search.ts). The folded
-- text is lib/db/search-text.ts's searchText.outboxMessage(): keep the three copies below in step.
--
-- The watermark first, then the backfill: every message created before it was written by a
-- transaction that had ended (none still running began earlier), so the backfill's snapshot, taken
-- after, sees it. Later messages are matched directly by searches until the indexer reaches them.
INSERT INTO "outbox_search_state" ("id", "indexed_before")
SELECT true, least(now(), (SELECT min(xact_start) FROM pg_stat_activity
                           WHERE datname = current_database() AND backend_type = 'client backend'
                             AND pid <> pg_backend_pid()))
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
INSERT INTO "outbox_search" ("message_id", "org_id", "document")
SELECT "id", "org_id", public.mailroom_fold("subject" || ' ' || "to"::text || ' ' || "cc"::text)
FROM "outbox_messages"
ON CONFLICT ("message_id") DO NOTHING;
--> statement-breakpoint
-- An edit of a message's subject or recipients (a scheduled message edited, a suppressed recipient
-- withdrawn at claim) rewrites its search text; the claim and settle statements never set these
-- columns, so the trigger does not fire for them. A message not indexed yet is left to the indexer.
CREATE OR REPLACE FUNCTION public.mailroom_outbox_search_refresh() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  UPDATE public.outbox_search
  SET document = public.mailroom_fold(NEW.subject || ' ' || NEW."to"::text || ' ' || NEW.cc::text)
  WHERE message_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "outbox_messages_search_refresh" AFTER UPDATE OF "subject", "to", "cc" ON "outbox_messages"
  FOR EACH ROW
  WHEN (OLD."subject" IS DISTINCT FROM NEW."subject" OR OLD."to" IS DISTINCT FROM NEW."to" OR OLD."cc" IS DISTINCT FROM NEW."cc")
  EXECUTE FUNCTION public.mailroom_outbox_search_refresh();
--> statement-breakpoint
DROP INDEX IF EXISTS "outbox_messages_search_trgm";
