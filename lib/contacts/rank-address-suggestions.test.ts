import { describe, expect, it } from 'vitest';
import { type AddressCandidate, matchRank, rankAddressSuggestions } from './rank-address-suggestions';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));

describe('matchRank', () => {
  it('ignores accents and case, and prefers the start of a word', () => {
    expect(matchRank('bere', { address: 'b@x.test', name: 'Bérénice Étienne' })).toBe(0);
    expect(matchRank('ETIEN', { address: 'b@x.test', name: 'Bérénice Étienne' })).toBe(0);
    expect(matchRank('enne', { address: 'b@x.test', name: 'Bérénice Étienne' })).toBe(1);
    expect(matchRank('lefe', { address: 'zoe.lefevre@x.test', name: null })).toBe(0);
    expect(matchRank('zoe lef', { address: 'z@x.test', name: 'Zoé Lefèvre' })).toBe(0);
    expect(matchRank('lef zoe', { address: 'z@x.test', name: 'Zoé Lefèvre' })).toBe(0);
    expect(matchRank('paul', { address: 'z@x.test', name: 'Zoé Lefèvre' })).toBeNull();
    expect(matchRank('  ', { address: 'z@x.test', name: 'Zoé' })).toBeNull();
  });
});

describe('rankAddressSuggestions', () => {
  it('merges a contact and a past recipient, word starts first, then the most recent', () => {
    const candidates: AddressCandidate[] = [
      { address: 'Marie@x.test', name: null, source: 'recent', lastUsed: at(5) },
      { address: 'marie@x.test', name: 'Marie Curie', source: 'contact', lastUsed: null },
      { address: 'anne-marie@x.test', name: null, source: 'recent', lastUsed: at(9) },
      { address: 'rosemarie@x.test', name: null, source: 'recent', lastUsed: at(10) },
      { address: 'mariette@x.test', name: null, source: 'recent', lastUsed: at(1) },
      { address: 'paul@x.test', name: 'Paul', source: 'contact', lastUsed: null },
    ];
    expect(rankAddressSuggestions('mari', candidates, 10)).toEqual([
      { address: 'anne-marie@x.test', name: null, source: 'recent' },
      { address: 'marie@x.test', name: 'Marie Curie', source: 'contact' },
      { address: 'mariette@x.test', name: null, source: 'recent' },
      { address: 'rosemarie@x.test', name: null, source: 'recent' },
    ]);
    expect(rankAddressSuggestions('mari', candidates, 2)).toHaveLength(2);
  });
});
