import { describe, expect, it } from 'vitest';
import { findNul } from './errors';

describe('findNul', () => {
  it('names the path of a string holding a NUL, through objects and arrays', () => {
    expect(findNul({ messages: [{ to: 'a@b.test' }, { subject: 'x\u0000y' }] })).toEqual([
      'messages',
      '1',
      'subject',
    ]);
    expect(findNul('a\u0000')).toEqual([]);
    expect(findNul([['ok', 'no\u0000']])).toEqual(['0', '1']);
  });

  it('names a key holding a NUL, escaped', () => {
    expect(findNul({ headers: { 'X-\u0000': 'v' } })).toEqual(['headers', 'X-\\u0000']);
  });

  it('finds nothing in clean input, dates and numbers included', () => {
    expect(findNul({ a: 1, b: [true, null, undefined], c: new Date(), d: { e: 'text' } })).toBeUndefined();
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNul(deep)).toHaveLength(100_000);
  });
});
