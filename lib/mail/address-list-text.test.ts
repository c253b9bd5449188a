import { describe, expect, it } from 'vitest';
import { formatAddress, typedPart, withPickedAddress } from './address-list-text';

describe('address list text', () => {
  it('finds the part being typed', () => {
    expect(typedPart('')).toBe('');
    expect(typedPart('zo')).toBe('zo');
    expect(typedPart('Ann <a@x.test>, bo')).toBe('bo');
    expect(typedPart('a@x.test; b@y.test,\n  cé')).toBe('cé');
    expect(typedPart('a@x.test, ')).toBe('');
  });

  it('formats a picked address without characters that would split the list', () => {
    expect(formatAddress({ address: 'a@x.test' })).toBe('a@x.test');
    expect(formatAddress({ address: 'a@x.test', name: null })).toBe('a@x.test');
    expect(formatAddress({ address: 'a@x.test', name: 'Dupont, "Jean" <x>' })).toBe(
      'Dupont Jean x <a@x.test>',
    );
  });

  it('replaces the typed part with the picked address', () => {
    expect(withPickedAddress('zo', { address: 'zoe@x.test', name: 'Zoé Lefèvre' })).toBe(
      'Zoé Lefèvre <zoe@x.test>, ',
    );
    expect(withPickedAddress('Ann <a@x.test>,bo', { address: 'bob@x.test' })).toBe(
      'Ann <a@x.test>, bob@x.test, ',
    );
    expect(withPickedAddress('a@x.test;\nbé', { address: 'b@x.test', name: 'Bé' })).toBe(
      'a@x.test; Bé <b@x.test>, ',
    );
  });
});
