// This machine's first non-loopback IPv4 address: connecting to it from it gives a socket whose
// peer is not loopback, a real "request from another machine" without another machine.
import os from 'node:os';

export function externalAddress(): string {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  if (!found) throw new Error('this test needs a non-loopback IPv4 interface (see `ip -4 addr`)');
  return found.address;
}
