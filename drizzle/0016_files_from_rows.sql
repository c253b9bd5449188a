-- Every stored invoice PDF and outbox attachment moves into the content-addressed file store (one
-- copy per organisation and content), and its row refers to it.
INSERT INTO "stored_files" ("org_id", "sha256", "size", "content")
SELECT DISTINCT ON (org_id, h) org_id, h, octet_length(content), content
FROM (
  SELECT org_id, encode(sha256(pdf), 'hex') AS h, pdf AS content FROM "invoices" WHERE pdf IS NOT NULL
  UNION ALL
  SELECT org_id, encode(sha256(content), 'hex'), content FROM "outbox_message_attachments" WHERE content IS NOT NULL
) x
ON CONFLICT ("org_id", "sha256") DO NOTHING;
--> statement-breakpoint
UPDATE "invoices" i SET "file_id" = f.id FROM "stored_files" f
WHERE i.pdf IS NOT NULL AND f.org_id = i.org_id AND f.sha256 = encode(sha256(i.pdf), 'hex');
--> statement-breakpoint
UPDATE "outbox_message_attachments" a SET "file_id" = f.id FROM "stored_files" f
WHERE a.content IS NOT NULL AND f.org_id = a.org_id AND f.sha256 = encode(sha256(a.content), 'hex');
