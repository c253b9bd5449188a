// A template row as the API and the pages show it, and the one check both create and edit make.
import { badRequest, conflict } from '../api/errors';
import type { OrgContext } from '../auth/org-context';
import type { DbOrTx } from '../db/client';
import type { BroadcastTemplate } from '../db/schema/broadcasts';
import { knownCustomFields, variableErrors, variablesIn } from './message-variables';
import type { TemplateView } from './template.schema';

export function toTemplateView(row: BroadcastTemplate): TemplateView {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    content: row.content,
    variables: variablesIn(row.subject, row.content),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Its variables must be known, as a message's are when it is saved (the subject always counts). */
export async function checkTemplateVariables(
  db: DbOrTx,
  ctx: OrgContext,
  t: { subject: string; content: string },
): Promise<void> {
  const errors = variableErrors(
    [
      ['subject', t.subject],
      ['content', t.content],
    ],
    await knownCustomFields(db, ctx),
  );
  if (errors.length) throw badRequest(`Invalid template: ${errors[0]!.path} ${errors[0]!.message}`, errors);
}

/** Names are unique per organisation: the unique (org, name) index → 409; anything else as it is. */
export function rethrowDuplicateTemplate(error: unknown): never {
  const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string };
  if (cause.code === '23505') throw conflict('Another template already has this name.');
  throw error;
}
