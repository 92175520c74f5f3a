/** IPv4 CIDR arithmetic for the address plan: parse, split, contain. Pure. */

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** What a CIDR looks like (its octets and prefix are checked by parseCidr); as a JSON Schema pattern too. */
export const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(text: string): Cidr | undefined {
  const match = CIDR_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  if ((address & mask) >>> 0 !== address) return undefined; // host bits set: not a network address
  return { base: address, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatAddress(cidr.base)}/${cidr.prefix}`;
}

export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join(".");
}

export function size(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** The n-th subnet of the given prefix inside `cidr` (undefined when it does not fit). */
export function nthSubnet(cidr: Cidr, prefix: number, n: number): Cidr | undefined {
  if (prefix < cidr.prefix || n < 0 || n >= 2 ** (prefix - cidr.prefix)) return undefined;
  return { base: (cidr.base + n * 2 ** (32 - prefix)) >>> 0, prefix };
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer)
  );
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** The gateway a subnet's router port takes: its first host address. */
export function gatewayOf(cidr: Cidr): string {
  return formatAddress(cidr.base + 1);
}
