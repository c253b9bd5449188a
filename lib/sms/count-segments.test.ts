import { describe, expect, it } from 'vitest';
import { countSegments } from './count-segments';

describe('countSegments', () => {
  it('keeps "é" in GSM-7 and moves "ê" to UCS-2', () => {
    expect(countSegments('Réunion à 18h')).toMatchObject({
      encoding: 'GSM-7',
      segments: 1,
      nonGsmCharacters: [],
    });
    expect(countSegments('Fête à 18h')).toMatchObject({
      encoding: 'UCS-2',
      segments: 1,
      nonGsmCharacters: ['ê'],
    });
  });

  it('splits at 160 / 153 GSM-7 characters and 70 / 67 UCS-2 ones', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ segments: 1, remainingInSegment: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, remainingInSegment: 153 * 2 - 161 });
    expect(countSegments('ê'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(countSegments('ê'.repeat(71))).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });

  it('counts a GSM-7 extension character (€) twice, and an empty text as no segment', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1, characters: 80 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    expect(countSegments('')).toMatchObject({ segments: 0, characters: 0 });
  });
});
