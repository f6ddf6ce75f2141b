/**
 * The SSRF guard: which addresses a request may reach.
 *
 * Only globally routable unicast addresses are reachable by default; loopback, private, link-local (cloud
 * metadata 169.254.169.254), CGNAT, multicast, broadcast, unspecified, reserved, IPv6 ULA, IPv4-mapped and
 * translation ranges are not — unless an allowlisted network contains the address. The check runs on the
 * address a socket actually connects to (see `createGuardedConnector`), so DNS rebinding and names that resolve
 * to 10.x cannot slip between a check and the connect.
 */
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';
import type { AllowedNetwork } from '../shared/networks.js';

/** Readable names of ipaddr.js ranges; any range other than `unicast` is blocked, named or not. */
const RANGE_LABELS: Readonly<Record<string, string>> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'CGNAT (shared)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  uniqueLocal: 'IPv6 unique-local',
  ipv4Mapped: 'IPv4-mapped IPv6',
  rfc6052: 'NAT64 (IPv4-embedded)',
  rfc6145: 'IPv4-translated IPv6',
  '6to4': '6to4',
  teredo: 'Teredo',
};

/** A `dns.lookup`-compatible function (called with `{ all: true }`); injectable so tests can fake DNS answers. */
export type LookupFunction = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/** Thrown from the connector when the target address is blocked; the fetcher maps it to `blocked_address`. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'ERR_NEWSDEDUP_BLOCKED_ADDRESS';
}

/**
 * Why an address may not be reached, or null when it may. Addresses are taken verbatim (IPv4 dotted quad or
 * IPv6); anything unparsable is refused.
 */
export function blockedReason(address: string, allow: readonly AllowedNetwork[]): string | null {
  if (!ipaddr.isValid(address) || net.isIP(address) === 0) return `not an IP address: ${address}`;
  const parsed = ipaddr.parse(address);
  if (allow.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits))) return null;
  const range = parsed.range();
  if (range === 'unicast') return null;
  const label = RANGE_LABELS[range] ?? `reserved (${range})`;
  return `${address} is ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label} address`;
}

/** An IP literal as a URL hostname carries it (brackets around IPv6), or null for a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) === 0 ? null : bare;
}

/**
 * Resolves a hostname and checks every address; resolves to the addresses to dial, in order (IPv4 first: many cron
 * hosts have no IPv6 route). Any blocked answer refuses the whole name: mixed public/private records are a
 * rebinding trick, not redundancy.
 */
export async function resolveAllowed(hostname: string, allow: readonly AllowedNetwork[], lookup: LookupFunction): Promise<string[]> {
  const literal = ipLiteral(hostname);
  const addresses = literal !== null ? [literal] : await lookupAll(hostname, lookup);
  if (addresses.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
  for (const address of addresses) {
    const reason = blockedReason(address, allow);
    if (reason !== null) throw new BlockedAddressError(`${hostname} → ${reason}`);
  }
  return [...addresses.filter((address) => net.isIPv4(address)), ...addresses.filter((address) => !net.isIPv4(address))];
}

/** Addresses of one name dialled in turn when the previous one cannot be reached (each has the connect timeout). */
const MAX_ADDRESSES_DIALLED = 3;

/** Errors of reaching an address (worth trying the name's next one), not of talking to it. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

function isUnreachable(error: Error): boolean {
  return 'code' in error && typeof error.code === 'string' && UNREACHABLE_CODES.has(error.code);
}

function lookupAll(hostname: string, lookup: LookupFunction): Promise<string[]> {
  return new Promise((resolve, reject) => {
    lookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error !== null) reject(error);
      else resolve(addresses.map((entry) => entry.address));
    });
  });
}

/**
 * An undici connector that resolves the hostname itself, checks the addresses with `blockedReason`, and connects
 * only to checked addresses (TLS still verifies the certificate for the original name): the first, then the next
 * when one cannot be reached (a dead server behind one of several A records), at most MAX_ADDRESSES_DIALLED.
 */
export function createGuardedConnector(options: {
  allow: readonly AllowedNetwork[];
  lookup: LookupFunction;
  connectTimeoutMs: number;
  /** Trusted CAs replacing Node's roots; default Node's roots. */
  ca?: string | Buffer | undefined;
}): buildConnector.connector {
  const connect = buildConnector(
    options.ca === undefined ? { timeout: options.connectTimeoutMs } : { timeout: options.connectTimeoutMs, ca: options.ca },
  );
  return (target, callback) => {
    const dial = (addresses: readonly string[], index: number): void => {
      connect(
        { ...target, hostname: addresses[index] ?? '', servername: target.servername ?? servername(target.hostname) },
        (error, socket) => {
          if (error === null) callback(null, socket);
          else if (isUnreachable(error) && index + 1 < Math.min(addresses.length, MAX_ADDRESSES_DIALLED)) dial(addresses, index + 1);
          else callback(error, null);
        },
      );
    };
    resolveAllowed(target.hostname, options.allow, options.lookup).then(
      (addresses) => dial(addresses, 0),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

function servername(hostname: string): string | undefined {
  return ipLiteral(hostname) === null ? hostname : undefined;
}

/** The production lookup: the system resolver, as `net.connect` would use it. */
export const systemLookup: LookupFunction = (hostname, options, callback) => dns.lookup(hostname, options, callback);
