/** Allowlist networks (CIDRs or single addresses): parsed by the fetch stage, validated by the configuration. */
import ipaddr from 'ipaddr.js';

/** A network of the allowlist, parsed. */
export type AllowedNetwork = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses allowlist entries: CIDRs (`10.0.0.0/8`, `fd00::/8`) or single addresses (`127.0.0.1` = /32, `::1` = /128).
 * Throws on an invalid entry: configuration is validated at the edge, so a bad entry here is a programming error.
 */
export function parseNetworks(entries: readonly string[]): AllowedNetwork[] {
  return entries.map((entry) => {
    const trimmed = entry.trim();
    if (trimmed.includes('/')) return ipaddr.parseCIDR(trimmed);
    const address = ipaddr.parse(trimmed.replace(/^\[|\]$/g, ''));
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  });
}

/** Whether an allowlist entry is a valid address or CIDR (for configuration validation). */
export function isValidNetwork(entry: string): boolean {
  try {
    parseNetworks([entry]);
    return true;
  } catch {
    return false;
  }
}
