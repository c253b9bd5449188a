DROP INDEX "outbox_messages_org_id_status_index";--> statement-breakpoint
DROP INDEX "outbox_messages_run_id_index";--> statement-breakpoint
DROP INDEX "outbox_messages_sender_id_index";--> statement-breakpoint
DROP INDEX "outbox_messages_idempotency";--> statement-breakpoint
CREATE INDEX "outbox_messages_run" ON "outbox_messages" USING btree ("run_id") WHERE "outbox_messages"."run_id" is not null;--> statement-breakpoint
CREATE INDEX "outbox_messages_sender_waiting" ON "outbox_messages" USING btree ("sender_id") WHERE "outbox_messages"."status" in ('scheduled', 'queued', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_messages_idempotency" ON "outbox_messages" USING btree ("org_id","idempotency_key") WHERE "outbox_messages"."idempotency_key" is not null;