// Message templates ("a template to start from"): a name, a subject and a content with the same
// variables as a message, for the REST API and the compose page.
import { z } from 'zod';
import { contentField, subjectField } from './broadcast.schema';

const name = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(100, 'is longer than 100 characters')
  .refine((v) => !/[\r\n]/.test(v), 'contains a line break');

export const createTemplateInput = z.object({
  name,
  subject: subjectField.default(''),
  content: contentField,
});
export type CreateTemplateInput = z.input<typeof createTemplateInput>;

export const updateTemplateInput = z.object({
  name: name.optional(),
  subject: subjectField.optional(),
  content: contentField.optional(),
});
export type UpdateTemplateInput = z.input<typeof updateTemplateInput>;

export const templateView = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.string(),
  content: z.string(),
  /** The variables its subject and content use, each once. */
  variables: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TemplateView = z.infer<typeof templateView>;
