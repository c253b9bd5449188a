// Column types drizzle does not ship, shared by every schema file.
import { customType, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './schema/orgs';

/** Raw bytes (attachments, MIME sources); postgres.js hands them over as Buffers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** Every org-owned row's `org_id`: required, and gone with its organisation. */
export const orgIdColumn = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
