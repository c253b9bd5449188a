// Column types drizzle does not ship, shared by every schema file.
import { customType } from 'drizzle-orm/pg-core';

/** Raw bytes (attachments, MIME sources); postgres.js hands them over as Buffers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
