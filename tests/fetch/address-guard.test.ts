import { describe, expect, it } from 'vitest';
import { blockedReason } from '../../src/fetch/address-guard.js';
import { isValidNetwork, parseNetworks } from '../../src/shared/networks.js';

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'a loopback'],
    ['10.0.0.1', 'a private'],
    ['172.16.5.4', 'a private'],
    ['192.168.1.1', 'a private'],
    ['169.254.169.254', 'a link-local'],
    ['100.64.0.1', 'a CGNAT (shared)'],
    ['0.0.0.0', 'an unspecified'],
    ['224.0.0.1', 'a multicast'],
    ['255.255.255.255', 'a broadcast'],
    ['192.0.2.1', 'a reserved'],
    ['198.18.0.1', 'a reserved'],
    ['::1', 'a loopback'],
    ['::', 'an unspecified'],
    ['fd12::1', 'an IPv6 unique-local'],
    ['fe80::1', 'a link-local'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped IPv6'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped IPv6'],
    ['64:ff9b::a00:1', 'a NAT64 (IPv4-embedded)'],
    ['ff02::1', 'a multicast'],
    ['2002:7f00:1::', 'a 6to4'],
    ['2001::1', 'a Teredo'],
  ])('%s is blocked as %s', (address, label) => {
    expect(blockedReason(address, [])).toBe(`${address} is ${label} address`);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700::1111'])('%s is public', (address) => {
    expect(blockedReason(address, [])).toBeNull();
  });

  it('an allowlist opens exactly its networks', () => {
    const allow = parseNetworks(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '[::1]']);
    expect([
      blockedReason('127.0.0.1', allow),
      blockedReason('10.9.9.9', allow),
      blockedReason('fd00::5', allow),
      blockedReason('::1', allow),
    ]).toEqual([null, null, null, null]);
    expect(blockedReason('127.0.0.2', allow)).toBe('127.0.0.2 is a loopback address');
    expect(blockedReason('::ffff:127.0.0.1', allow)).toBe('::ffff:127.0.0.1 is an IPv4-mapped IPv6 address');
  });

  it('refuses what is not an address', () => {
    expect(blockedReason('127.1', [])).toBe('not an IP address: 127.1');
    expect(blockedReason('example.com', [])).toBe('not an IP address: example.com');
  });

  it.each([
    ['10.0.0.0/8', true],
    ['::1', true],
    ['10.0.0.0/33', false],
    ['nope', false],
    ['', false],
  ])('isValidNetwork(%j) = %s', (entry, valid) => {
    expect(isValidNetwork(entry)).toBe(valid);
  });
});
