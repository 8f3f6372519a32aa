// Which addresses an image from a web page may be fetched from: the public internet only. An IPv6
// address that carries an IPv4 one is judged by the IPv4 address, whatever way it is written.
import * as assert from 'node:assert/strict';
import { embeddedIpv4, ipv6Bytes, isLoopbackAddress, isPublicAddress } from '../../src/core/context/publicAddress';

const PUBLIC = [
  '8.8.8.8', '1.1.1.1', '93.184.216.34', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '126.255.255.255', '128.0.0.0',
  '169.253.255.255', '169.255.0.0', '172.15.255.255', '172.32.0.0', '192.0.1.1', '192.0.3.0', '192.167.255.255', '192.169.0.0', '198.17.255.255',
  '198.20.0.0', '198.51.99.255', '198.51.101.0', '203.0.112.255', '203.0.114.0', '223.255.255.255',
  '2606:4700:4700::1111', '2001:4860:4860::8888', '2a00:1450:4001:80b::200e', '[2606:4700::1]', '2001:db9::1', '2001:db7:ffff::1',
  // IPv4 carried in IPv6, judged by the IPv4 address
  '::ffff:8.8.8.8', '::ffff:808:808', '0:0:0:0:0:ffff:8.8.8.8', '::8.8.8.8', '64:ff9b::8.8.8.8', '64:ff9b::808:808', '2002:808:808::1',
];

const NOT_PUBLIC: readonly (readonly [string, string])[] = [
  ['0.0.0.0', 'this network'], ['0.255.255.255', 'this network'],
  ['10.0.0.1', 'private'], ['10.255.255.255', 'private'],
  ['100.64.0.0', 'shared (CGNAT)'], ['100.127.255.255', 'shared (CGNAT)'],
  ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'link-local (cloud metadata)'], ['169.254.0.1', 'link-local'],
  ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
  ['192.0.0.8', 'IETF assignments'], ['192.0.2.1', 'documentation'], ['192.88.99.1', '6to4 relay'],
  ['192.168.0.1', 'private'], ['192.168.255.255', 'private'],
  ['198.18.0.1', 'benchmarking'], ['198.19.255.255', 'benchmarking'],
  ['198.51.100.7', 'documentation'], ['203.0.113.9', 'documentation'],
  ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'], ['240.0.0.1', 'reserved'], ['255.255.255.255', 'broadcast'],
  ['::', 'unspecified'], ['::1', 'loopback'], ['[::1]', 'loopback in brackets'], ['0:0:0:0:0:0:0:1', 'loopback written out'],
  ['fc00::1', 'unique local'], ['fd12:3456::1', 'unique local'], ['fe80::1', 'link-local'], ['febf::1', 'link-local'], ['fe80::1%eth0', 'with a zone'],
  ['fec0::1', 'site-local (deprecated)'], ['ff02::1', 'multicast'], ['ff0e::1', 'multicast'], ['100::1', 'discard-only'],
  ['2001:db8::1', 'documentation'], ['2001:db8:ffff::1', 'documentation'], ['3fff::1', 'documentation'], ['2001::1', 'Teredo'], ['2001:2::1', 'benchmarking'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'], ['::ffff:a00:1', 'IPv4-mapped private in hex'], ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback in hex'], ['0:0:0:0:0:ffff:169.254.169.254', 'IPv4-mapped metadata written out'],
  ['::ffff:192.168.1.1', 'IPv4-mapped private'], ['::127.0.0.1', 'IPv4-compatible loopback'], ['::10.0.0.1', 'IPv4-compatible private'],
  ['64:ff9b::10.0.0.1', 'NAT64 of a private address'], ['64:ff9b::a9fe:a9fe', 'NAT64 of link-local in hex'], ['64:ff9b::7f00:1', 'NAT64 of loopback'],
  ['2002:a00:1::1', '6to4 of 10.0.0.1'], ['2002:7f00:1::', '6to4 of 127.0.0.1'], ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
  ['::ffff:0:8.8.8.8', 'IPv4-translated (not global unicast)'], ['64:ff9b:1::8.8.8.8', 'local-use NAT64'],
  ['localhost', 'a name, not an address'], ['example.com', 'a name'], ['', 'nothing'], ['1.2.3', 'not an address'], ['1.2.3.256', 'not an address'], ['::ffff:1.2.3.4.5', 'not an address'],
];

describe('public addresses: where an image from a web page may be fetched from', () => {
  it('lets public IPv4 and global IPv6 addresses through, and IPv4 carried in IPv6 when that IPv4 address is public', () => {
    const refused = PUBLIC.filter((ip) => !isPublicAddress(ip));
    assert.deepEqual(refused, []);
  });

  it('refuses loopback, private, link-local, shared, multicast, documentation, benchmarking and reserved ranges, in every IPv6 form', () => {
    const passed = NOT_PUBLIC.filter(([ip]) => isPublicAddress(ip)).map(([ip, what]) => `${ip} (${what})`);
    assert.deepEqual(passed, []);
  });

  it('finds the IPv4 address inside mapped, compatible, NAT64 and 6to4 forms, and none in other addresses', () => {
    assert.equal(embeddedIpv4('::ffff:10.0.0.1'), '10.0.0.1');
    assert.equal(embeddedIpv4('::ffff:a00:1'), '10.0.0.1');
    assert.equal(embeddedIpv4('::a00:1'), '10.0.0.1');
    assert.equal(embeddedIpv4('64:ff9b::c0a8:101'), '192.168.1.1');
    assert.equal(embeddedIpv4('2002:c0a8:101:5::1'), '192.168.1.1');
    assert.equal(embeddedIpv4('::1'), '0.0.0.1', 'loopback reads as 0.0.0.1, in 0.0.0.0/8');
    assert.equal(embeddedIpv4('2606:4700::1'), undefined);
    assert.equal(embeddedIpv4('fe80::ffff:a00:1'), undefined);
    assert.equal(embeddedIpv4('10.0.0.1'), undefined, 'an IPv4 address carries none');
  });

  it('reads IPv6 text into its 16 bytes, with :: anywhere and a dotted IPv4 tail', () => {
    const hex = (ip: string) => Buffer.from(ipv6Bytes(ip) ?? []).toString('hex');
    assert.equal(hex('::'), '00'.repeat(16));
    assert.equal(hex('::1'), `${'00'.repeat(15)}01`);
    assert.equal(hex('2001:db8::8:800:200c:417a'), '20010db80000000000080800200c417a');
    assert.equal(hex('1:2:3:4:5:6:7:8'), '00010002000300040005000600070008');
    assert.equal(hex('1:2:3:4:5:6:10.0.0.1'), '0001000200030004000500060a000001');
    assert.equal(hex('::ffff:192.168.1.1'), '00000000000000000000ffffc0a80101');
    assert.equal(hex('fe80::'), `fe80${'00'.repeat(14)}`);
    assert.equal(ipv6Bytes('10.0.0.1'), undefined);
    assert.equal(ipv6Bytes('1:2:3'), undefined);
  });

  it('tells loopback apart from the rest: only it may be opened up for tests', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', '::ffff:7f00:1']) assert.equal(isLoopbackAddress(ip), true, ip);
    for (const ip of ['10.0.0.1', '128.0.0.1', '::', '::2', 'fe80::1', '::ffff:10.0.0.1', '169.254.169.254', 'localhost', '']) assert.equal(isLoopbackAddress(ip), false, ip);
  });
});
