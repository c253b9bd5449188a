-- Search that ignores accents and case and matches parts of words ("reunion" finds "Réunion",
-- "benev" finds "bénévoles"), kept fast by trigram indexes over the same folded text the queries
-- compare (lib/db/search-text.ts builds those expressions: keep both in step).
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
--> statement-breakpoint
-- unaccent() is only STABLE (it reads its dictionary by name through search_path); with the
-- dictionary named explicitly and everything schema-qualified the result is fixed, so this wrapper
-- may be declared IMMUTABLE and used in index expressions.
CREATE OR REPLACE FUNCTION public.mailroom_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "inbox_messages_search_trgm" ON "inbox_messages" USING gin (public.mailroom_fold("subject" || ' ' || "from_name" || ' ' || "from_address" || ' ' || "to"::text || ' ' || "cc"::text || ' ' || coalesce("text", '')) public.gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "outbox_messages_search_trgm" ON "outbox_messages" USING gin (public.mailroom_fold("subject" || ' ' || "to"::text || ' ' || "cc"::text) public.gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_search_trgm" ON "contacts" USING gin (public.mailroom_fold("first_name" || ' ' || "last_name" || ' ' || "last_name" || ' ' || "first_name" || ' ' || coalesce("email", '')) public.gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "invoices_client_trgm" ON "invoices" USING gin (public.mailroom_fold("client_code" || ' ' || "client_name") public.gin_trgm_ops);
