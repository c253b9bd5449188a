// The order of the address completion list: addresses where every typed word starts a word (of the
// name, the address, or a piece of the address between dots, dashes and @) before those that only
// contain it; then the most recently written to; contacts and past recipients merged by address.

export type AddressSuggestion = { address: string; name: string | null; source: 'contact' | 'recent' };
export type AddressCandidate = AddressSuggestion & { lastUsed: Date | null };

/** Lower case without accents, as PostgreSQL's mailroom_fold() gives (for ordering only). */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function words(value: string): string[] {
  return foldText(value)
    .split(/[\s.@_+\-<>()"',;]+/)
    .filter(Boolean);
}

/** 0: every typed word starts a word; 1: every typed word is in it; null: it does not match. */
export function matchRank(query: string, candidate: { address: string; name: string | null }): 0 | 1 | null {
  const typed = foldText(query).split(/\s+/).filter(Boolean);
  if (typed.length === 0) return null;
  const haystack = foldText(`${candidate.name ?? ''} ${candidate.address}`);
  if (!typed.every((w) => haystack.includes(w))) return null;
  const own = [...words(candidate.name ?? ''), ...words(candidate.address), foldText(candidate.address)];
  return typed.every((w) => own.some((o) => o.startsWith(w))) ? 0 : 1;
}

export function rankAddressSuggestions(
  query: string,
  candidates: AddressCandidate[],
  limit: number,
): AddressSuggestion[] {
  const byAddress = new Map<string, AddressCandidate>();
  for (const c of candidates) {
    const key = c.address.toLowerCase();
    const seen = byAddress.get(key);
    if (!seen) {
      byAddress.set(key, c);
      continue;
    }
    // A contact keeps its name; a past recipient brings when it was last written to.
    const contact = seen.source === 'contact' ? seen : c.source === 'contact' ? c : seen;
    const lastUsed = [seen.lastUsed, c.lastUsed]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => +b - +a)[0];
    byAddress.set(key, {
      ...contact,
      name: contact.name || seen.name || c.name,
      lastUsed: lastUsed ?? null,
    });
  }
  return [...byAddress.values()]
    .map((c) => ({ c, rank: matchRank(query, c) }))
    .filter((x): x is { c: AddressCandidate; rank: 0 | 1 } => x.rank !== null)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (b.c.lastUsed?.getTime() ?? 0) - (a.c.lastUsed?.getTime() ?? 0) ||
        (a.c.name ?? a.c.address).localeCompare(b.c.name ?? b.c.address),
    )
    .slice(0, limit)
    .map(({ c }) => ({ address: c.address, name: c.name, source: c.source }));
}
