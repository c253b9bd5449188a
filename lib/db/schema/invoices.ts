// Invoices imported from a CSV manifest and their PDFs, and what happened each time one was sent
// by a bulk run (one delivery per invoice per run, pointing at its outbox message).
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgIdColumn } from '../columns';
import { storedFiles } from './files';
import { deliveryEventKindEnum } from './outbox';
import { runs } from './progress';

export const invoiceStatusEnum = pgEnum('invoice_status', ['never_sent', 'sent', 'failed']);
export type InvoiceStatus = (typeof invoiceStatusEnum.enumValues)[number];

export const invoices = pgTable(
  'invoices',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    clientCode: text().notNull(),
    clientName: text().notNull(),
    /** `YYYY-MM` */
    period: text().notNull(),
    recipients: jsonb().$type<string[]>().notNull(),
    fileName: text().notNull(),
    /** The PDF, in the file store: the bulk run's messages refer to it instead of copying it. */
    fileId: uuid()
      .notNull()
      .references(() => storedFiles.id),
    pdfSize: integer().notNull(),
    status: invoiceStatusEnum().notNull().default('never_sent'),
    /** The server's answer when the last send failed. */
    failureReason: text(),
    sentAt: timestamp({ withTimezone: true }),
    lastRunId: uuid().references(() => runs.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.orgId, t.clientCode, t.period),
    index().on(t.orgId, t.period),
    index().on(t.orgId, t.status),
  ],
);

export const deliveryStatusEnum = pgEnum('invoice_delivery_status', [
  'queued',
  'sent',
  'failed',
  'cancelled',
]);
export type DeliveryStatus = (typeof deliveryStatusEnum.enumValues)[number];

export const invoiceDeliveries = pgTable(
  'invoice_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: orgIdColumn(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    invoiceId: uuid()
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    /** The outbox message of the latest attempt (a retry of the failed items enqueues a new one). */
    messageId: uuid().notNull(),
    status: deliveryStatusEnum().notNull().default('queued'),
    error: text(),
    attempts: integer().notNull().default(1),
    settledAt: timestamp({ withTimezone: true }),
    /** The latest delivery event of its message (a bounce, a delivery report…), as the outbox told it. */
    lastEventKind: deliveryEventKindEnum(),
    lastEventAt: timestamp({ withTimezone: true }),
    /** "<recipient>: <the source's words>". */
    lastEventDetail: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.messageId),
    uniqueIndex().on(t.runId, t.invoiceId),
    index().on(t.runId, t.status),
  ],
);

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceDelivery = typeof invoiceDeliveries.$inferSelect;
