// MAILROOM_ALLOW_PRIVATE_HOSTS=false (for a server shared by organisations that do not trust each
// other): a sender or mailbox host must not lead into the server's own network. The name is
// resolved and every address it resolves to is checked, so `internal.example.com → 10.0.0.5` is
// refused like `10.0.0.5` itself. Checked when settings are saved and again before connecting.
import dns from 'node:dns/promises';
import net from 'node:net';
import os from 'node:os';
import { badRequest } from '../api/errors';
import { env } from '../env';

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (shared, private in practice)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.168.0.0', 16], // private
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** This machine's own interface addresses (on a cloud VM usually private anyway, but not always). */
function ownAddresses(): Set<string> {
  return new Set(
    Object.values(os.networkInterfaces())
      .flat()
      .map((i) => i?.address.toLowerCase())
      .filter((a): a is string => Boolean(a)),
  );
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const a = (mapped ?? address).toLowerCase();
  const family = net.isIP(a);
  if (family === 0) return false;
  return blocked.check(a, family === 4 ? 'ipv4' : 'ipv6') || ownAddresses().has(a);
}

/** Why this host may not be used, or null. Names that do not resolve are left to the connection. */
export async function hostRefusal(host: string): Promise<string | null> {
  if (env().MAILROOM_ALLOW_PRIVATE_HOSTS) return null;
  const name = host.trim().replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (net.isIP(name)) addresses = [name];
  else {
    try {
      addresses = (await dns.lookup(name, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return null;
    }
  }
  if (!addresses.some(isPrivateAddress)) return null;
  return `${host} is a loopback, private, link-local or this server's own address (or resolves to one); this server does not connect there (MAILROOM_ALLOW_PRIVATE_HOSTS=false).`;
}

/** For saving settings: a 400 on the host field. */
export async function assertAllowedHost(host: string | null | undefined, path = 'host'): Promise<void> {
  if (!host) return;
  const refusal = await hostRefusal(host);
  if (refusal) throw badRequest(`Invalid request body: ${path} ${refusal}`, [{ path, message: refusal }]);
}
