-- Messages of a bulk run (run_id set) were invoice-run messages: the only kind of run that sends.
UPDATE "outbox_messages" SET "origin_kind" = 'invoice-run', "origin_id" = "run_id" WHERE "run_id" IS NOT NULL;
