// The seam between the outbox and the features that send through it. A feature registers one
// handler for its origin kind (where each process wires itself: lib/register-origin-handlers.ts);
// the outbox hands it its messages in batches — one call per kind per settling transaction, never
// one per row — so whatever the feature writes commits or rolls back with the status change. The
// outbox imports no feature: it only knows the kinds.
import type { DbOrTx } from '../db/client';
import type { Channel, FinalStatus, Origin, OriginKind } from '../db/schema/outbox';
import type { DeliveryEvent } from './delivery-event.schema';

/** A message that has just reached a final status (sent, failed, cancelled, expired). */
export type SettledMessage = {
  id: string;
  orgId: string;
  /** `sms`: `to` holds the phone number (E.164) and `subject` is empty. */
  channel: Channel;
  origin: Origin;
  status: FinalStatus;
  to: string[];
  subject: string;
  error: string | null;
  attempts: number;
};

/** What a delivery event tells its message's origin (see record-delivery-events.ts). */
export type DeliveryEventNotice = DeliveryEvent & { orgId: string; origin: Origin };

/** A message about to be sent, as its origin sees it when asked whether it still wants it sent. */
export type ClaimingMessage = { id: string; orgId: string; channel: Channel; originId: string | null };

export type OriginHandler = {
  /**
   * Asked in the claim's transaction, just before messages of this origin are sent: those it no
   * longer wants sent (its recipient opted out since it was queued…), each with the reason
   * (stored as the message's last error; it ends `cancelled` and the origin hears it settled).
   */
  withdraw?: (tx: DbOrTx, messages: ClaimingMessage[]) => Promise<Map<string, string>>;
  /** Messages of this origin that just reached a final status, in the settling transaction. */
  settled?: (tx: DbOrTx, messages: SettledMessage[]) => Promise<void>;
  /** Events after the final status (bounced, delivered, opened…), in the recording transaction. */
  events?: (tx: DbOrTx, events: DeliveryEventNotice[]) => Promise<void>;
  /**
   * How many of this origin's things not yet handed to the outbox will send from this account (a
   * scheduled message naming it): an account they need is not deleted from under them.
   */
  waitingOn?: (tx: DbOrTx, account: { orgId: string; senderId: string }) => Promise<number>;
};

/**
 * Kinds whose messages nobody else needs to hear about: the outbox's own callers (the compose form
 * and the REST API). Every other kind must have a handler, or settling fails loudly — an outcome is
 * never dropped because a process forgot to wire a feature.
 */
const SELF_CONTAINED: ReadonlySet<OriginKind> = new Set(['compose', 'api']);

// On globalThis: Next.js may bundle the module that registers (instrumentation) apart from the
// route that settles, and both must see one registry.
const REGISTRY = Symbol.for('mailroom.outbox.originHandlers');
type Registry = Map<OriginKind, OriginHandler>;
function registry(): Registry {
  const g = globalThis as { [REGISTRY]?: Registry };
  g[REGISTRY] ??= new Map();
  return g[REGISTRY];
}

/** Registers (or replaces) the handler of one origin kind. */
export function registerOriginHandler(kind: OriginKind, handler: OriginHandler): void {
  registry().set(kind, handler);
}

function handlerFor(kind: OriginKind): OriginHandler | undefined {
  const handler = registry().get(kind);
  if (!handler && !SELF_CONTAINED.has(kind)) {
    throw new Error(
      `No origin handler registered for "${kind}" messages in this process (see lib/register-origin-handlers.ts)`,
    );
  }
  return handler;
}

function byKind<T extends { origin: Origin }>(items: T[]): Map<OriginKind, T[]> {
  const groups = new Map<OriginKind, T[]>();
  for (const item of items) {
    const group = groups.get(item.origin.kind);
    if (group) group.push(item);
    else groups.set(item.origin.kind, [item]);
  }
  return groups;
}

/** One call per origin kind with that kind's settled messages. */
export async function dispatchSettled(tx: DbOrTx, messages: SettledMessage[]): Promise<void> {
  for (const [kind, group] of byKind(messages)) await handlerFor(kind)?.settled?.(tx, group);
}

/** One call per origin kind with that kind's delivery events. */
export async function dispatchEvents(tx: DbOrTx, events: DeliveryEventNotice[]): Promise<void> {
  for (const [kind, group] of byKind(events)) await handlerFor(kind)?.events?.(tx, group);
}

/** Whether any handler of these kinds asks to withdraw messages at claim (to skip the query). */
export function withdrawingKinds(): OriginKind[] {
  return [...registry()].filter(([, h]) => h.withdraw).map(([kind]) => kind);
}

/** The messages their origins no longer want sent, with why: one call per origin kind. */
export async function askToWithdraw(
  tx: DbOrTx,
  messages: (ClaimingMessage & { originKind: OriginKind })[],
): Promise<Map<string, string>> {
  const withdrawn = new Map<string, string>();
  const byOrigin = byKind(messages.map((m) => ({ ...m, origin: { kind: m.originKind, id: m.originId } })));
  for (const [kind, group] of byOrigin) {
    const answer = await handlerFor(kind)?.withdraw?.(tx, group);
    for (const [id, reason] of answer ?? []) withdrawn.set(id, reason);
  }
  return withdrawn;
}

/** What every origin still means to send from this account, per origin kind (none: empty). */
export async function originsWaitingOn(
  tx: DbOrTx,
  account: { orgId: string; senderId: string },
): Promise<{ kind: OriginKind; count: number }[]> {
  const waiting: { kind: OriginKind; count: number }[] = [];
  for (const [kind, handler] of registry()) {
    const count = (await handler.waitingOn?.(tx, account)) ?? 0;
    if (count > 0) waiting.push({ kind, count });
  }
  return waiting;
}
