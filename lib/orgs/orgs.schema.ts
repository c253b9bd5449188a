import { z } from 'zod';
import { roleEnum } from '../db/schema/orgs';

export const organizationView = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  role: z.enum(roleEnum.enumValues),
});

export const memberView = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(roleEnum.enumValues),
  joinedAt: z.date(),
});
export type MemberView = z.infer<typeof memberView>;

export const invitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(roleEnum.enumValues),
  expiresAt: z.date(),
  createdAt: z.date(),
});
