/**
 * Names the cloud takes: a Kubernetes Service name and every label value is a DNS label of
 * at most 63 characters. A system id may itself be 63 characters, so a derived name
 * (`<system>-<tier>`) can be longer: it is shortened stably — cut, with a hash of the whole
 * name appended — and left untouched when it fits, so no existing name changes. Pure.
 */
import { createHash } from "node:crypto";

export const DNS_LABEL_MAX = 63;
const HASH_LENGTH = 8;

export function dnsLabel(name: string): string {
  if (name.length <= DNS_LABEL_MAX) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, HASH_LENGTH);
  return `${name.slice(0, DNS_LABEL_MAX - HASH_LENGTH - 1).replace(/-+$/, "")}-${hash}`;
}
