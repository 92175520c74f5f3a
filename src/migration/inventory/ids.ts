/**
 * Stable ids for records created from names (spreadsheet forms): the pinyin initials
 * of the name, readable by the people who wrote it (区公安分局 → qgafj), plus a short
 * hash of the full key so that two names with the same initials never collide and the
 * same name always gives the same id, whatever the row order.
 */
import { createHash } from "node:crypto";
import { pinyin } from "pinyin-pro";
import { canonicalName } from "./names";

const MAX_STEM = 24;

export function initialsOf(name: string): string {
  const parts = pinyin(name, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" });
  return parts
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** `<initials>-<6 hex>`; `key` defaults to the name (give the department too for systems). */
export function deriveId(name: string, key: string = name): string {
  let stem = initialsOf(canonicalName(name)).slice(0, MAX_STEM);
  if (!/^[a-z]/.test(stem)) stem = `x${stem}`.slice(0, MAX_STEM);
  const hash = createHash("sha256").update(canonicalName(key)).digest("hex").slice(0, 6);
  return `${stem}-${hash}`;
}
