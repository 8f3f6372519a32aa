/**
 * Whether an IP address is on the public internet, so that something the extension fetches for a
 * web page can never reach this machine or its network. Deny by default: an IPv6 address must be
 * global unicast (2000::/3) outside the special ranges; an IPv6 address that carries an IPv4 one
 * (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address it carries.
 */
import { BlockList, isIP } from 'node:net';

/** IPv4 ranges that are not the public internet (IANA special-purpose registry). */
const NOT_PUBLIC_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

/** Global unicast IPv6 ranges that are still not the public internet. */
const NOT_PUBLIC_V6: readonly (readonly [string, number])[] = [
  ['2001::', 32], // Teredo: the IPv4 address inside is obscured
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID
  ['2001:20::', 28], // ORCHIDv2
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
];

/** IPv6 forms that carry an IPv4 address, and where it sits (byte offset in the 16 bytes). */
const CARRIES_V4: readonly (readonly [string, number, number])[] = [
  ['::ffff:0:0', 96, 12], // IPv4-mapped
  ['::', 96, 12], // IPv4-compatible (deprecated); :: and ::1 fall in 0.0.0.0/8
  ['64:ff9b::', 96, 12], // NAT64 well-known prefix: the translator connects to the IPv4 address
  ['2002::', 16, 2], // 6to4
];

let lists: { v4: BlockList; v6: BlockList; global: BlockList; carriers: { list: BlockList; offset: number }[] } | undefined;

function blockLists(): NonNullable<typeof lists> {
  if (lists) return lists;
  const v4 = new BlockList();
  for (const [address, prefix] of NOT_PUBLIC_V4) v4.addSubnet(address, prefix, 'ipv4');
  v4.addAddress('255.255.255.255', 'ipv4');
  const v6 = new BlockList();
  for (const [address, prefix] of NOT_PUBLIC_V6) v6.addSubnet(address, prefix, 'ipv6');
  const global = new BlockList();
  global.addSubnet('2000::', 3, 'ipv6');
  const carriers = CARRIES_V4.map(([address, prefix, offset]) => {
    const list = new BlockList();
    list.addSubnet(address, prefix, 'ipv6');
    return { list, offset };
  });
  lists = { v4, v6, global, carriers };
  return lists;
}

/** The 16 bytes of an IPv6 address in text form (`::`, a trailing dotted IPv4 part), or undefined when it is not one. */
export function ipv6Bytes(text: string): Uint8Array | undefined {
  if (isIP(text) !== 6) return undefined;
  let address = text;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const v4 = ipv4Bytes(dotted[2]);
    if (!v4) return undefined;
    tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    address = dotted[1].endsWith('::') ? dotted[1] : dotted[1].slice(0, -1);
  }
  const [head, rest] = address.split('::') as [string, string | undefined];
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const before = groups(head);
  const after = [...groups(rest ?? ''), ...tail];
  const missing = 8 - before.length - after.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return undefined;
  const words = [...before, ...new Array<number>(missing).fill(0), ...after];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

function ipv4Bytes(text: string): number[] | undefined {
  if (isIP(text) !== 4) return undefined;
  return text.split('.').map(Number);
}

/**
 * The IPv4 address an IPv6 address carries (IPv4-mapped `::ffff:10.0.0.1`, IPv4-compatible,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`), or undefined when it carries none.
 */
export function embeddedIpv4(ipv6: string): string | undefined {
  const bytes = ipv6Bytes(ipv6);
  if (!bytes) return undefined;
  const carrier = blockLists().carriers.find(({ list }) => list.check(ipv6, 'ipv6'));
  return carrier ? Array.from(bytes.subarray(carrier.offset, carrier.offset + 4)).join('.') : undefined;
}

/**
 * True when `ip` (an IPv4 or IPv6 address in text form, IPv6 with or without brackets) is a public
 * internet address; false for loopback, private, link-local, shared, multicast, documentation,
 * benchmarking and reserved ranges, for anything with a zone (`fe80::1%eth0`) and for text that is
 * not an address.
 */
export function isPublicAddress(ip: string): boolean {
  const address = unbracketed(ip);
  const { v4, v6, global } = blockLists();
  switch (isIP(address)) {
    case 4:
      return !v4.check(address, 'ipv4');
    case 6: {
      if (address.includes('%')) return false;
      const carried = embeddedIpv4(address);
      if (carried !== undefined) return isPublicAddress(carried);
      return global.check(address, 'ipv6') && !v6.check(address, 'ipv6');
    }
    default:
      return false;
  }
}

/** True for 127.0.0.0/8 and ::1, including ::ffff:127.0.0.1: the only addresses a test may open up. */
export function isLoopbackAddress(ip: string): boolean {
  const address = unbracketed(ip);
  const family = isIP(address);
  if (family === 4) return address.split('.')[0] === '127';
  if (family !== 6 || address.includes('%')) return false;
  const bytes = ipv6Bytes(address);
  if (!bytes) return false;
  if (bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] === 1) return true;
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped && bytes[12] === 127;
}

function unbracketed(ip: string): string {
  return ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
}
