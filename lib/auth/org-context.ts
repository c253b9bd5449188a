// Who is acting, and in which organisation. Resolved once at the edge (session or API key) and
// passed explicitly to every use-case; nothing below the edge looks it up again.
import { forbidden } from '../api/errors';
import type { Role } from '../db/schema/orgs';

export type Actor =
  | { kind: 'user'; userId: string; email: string }
  | { kind: 'apiKey'; apiKeyId: string }
  /** An operator at the command line (bin/mailroom.ts). */
  | { kind: 'cli' }
  /** A provider calling back (an SMS delivery report or reply), recognised by the account's token. */
  | { kind: 'webhook'; provider: string; senderId: string }
  /**
   * Mailroom itself: the worker acting on something a person set up earlier (a scheduled message
   * falling due) or on what it received (a bounce read from a mailbox).
   */
  | { kind: 'system' };

export type OrgContext = {
  orgId: string;
  role: Role;
  actor: Actor;
};

const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** Throws 403 unless the context's role is at least `minimum`. */
export function requireRole(ctx: OrgContext, minimum: Role): void {
  if (rank[ctx.role] < rank[minimum]) {
    throw forbidden(`This needs the ${minimum} role or higher; you are ${ctx.role}.`);
  }
}

export function actorUserId(ctx: OrgContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}
