import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './assert-allowed-host';
import { isLoopbackAddress } from './client-address';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.100.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd12:3456::1',
    'fe80::abcd',
    '::ffff:10.0.0.1',
    '::FFFF:127.0.0.1',
  ])('%s is private', (a) => expect(isPrivateAddress(a)).toBe(true));
  it.each(['8.8.8.8', '203.0.113.9', '172.32.0.1', '2001:db8::1', '::ffff:8.8.8.8'])('%s is public', (a) =>
    expect(isPrivateAddress(a)).toBe(false),
  );
  it("counts this machine's own interface addresses as private", () => {
    for (const i of Object.values(os.networkInterfaces()).flat()) {
      if (i) expect(isPrivateAddress(i.address)).toBe(true);
    }
  });
});

describe('isLoopbackAddress', () => {
  it('knows loopback in every spelling Node reports', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', '', '::'])
      expect(isLoopbackAddress(a)).toBe(false);
  });
});
