/**
 * The quick read of a YAML inventory file, for the usual case of a well-formed file.
 *
 * The `yaml` library builds a syntax tree with positions for every node, which is what
 * diagnostics need and about ten times the cost of reading the data alone (4 s against
 * 0.35 s for 10,000 systems). js-yaml reads the data alone. A file is read quickly only
 * where both libraries give the same data, and the loader asks `yaml` for positions
 * only when a diagnostic needs one. Anything else returns undefined and goes through
 * `yaml` as before:
 * - a file js-yaml rejects (a syntax error, a duplicate key, several documents): `yaml`
 *   then reports the error with its position;
 * - anchors, aliases and tags (`&a`, `*a`, `!tag`): `yaml` caps how far aliases expand;
 * - complex, empty and null keys (`? a`, `: b`, `~: b`, `[a]: b`), a list opened on the
 *   line of another (`- - a`), a comment glued to a quoted value (`"a"#b`), where the two
 *   libraries disagree on data or on validity;
 * - numbers the two read differently (`1_000`, `0b101`, `+.5`, `-0x1F`, `49E611`);
 * - tabs in indentation, `...` and `---` with text after it, which the two parse differently.
 * tests/inventory/yaml-quick.test.ts holds both reads to the same data.
 */
import { CORE_SCHEMA, load } from "js-yaml";

/** Text that js-yaml and `yaml` might read differently, or that needs `yaml`'s alias cap. */
const NEEDS_YAML = new RegExp(
  [
    /(?:^|[\s,[{])[&*!?]/.source, // anchors, aliases, tags, complex keys
    /(?:^|[\s,[{])(?:~|null|Null|NULL)?:(?:[\s,\]}]|$)/.source, // empty or null keys
    /[\]}]\s*:(?:\s|$)/.source, // collections as keys
    /\{[^}\n]*[[{]/.source, // a collection inside a flow mapping (a key, maybe)
    /-[ \t]+-(?:\s|$)/.source, // a list opened on another's line
    /["'\]}]#/.source, // a comment glued to a quoted value or a collection
    /[{,]\s*(?:~|null|Null|NULL)?\s*[,}]/.source, // null keys in flow mappings
    /[0-9]_[0-9]|0b[01]|[-+]\.[0-9]|[-+]0[xo]/.source, // numbers read differently
    // exponents (js-yaml keeps overflowing ones as text)
    /(?:^|[\s:,[{-])[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+(?:[\s,\]}#:]|$)/.source,
    /^ *\t/.source, // a tab in the indentation (an error for `yaml`, not for js-yaml)
    /^(?:\.\.\.|---(?![ \t]*$))/.source, // document markers other than a bare `---` line
    /\r(?!\n)/.source, // a lone CR: the two libraries break lines differently (load.ts turns them into LF first)
  ].join("|"),
  "m",
);

export function quickYamlData(text: string): { data: unknown } | undefined {
  if (NEEDS_YAML.test(text)) return undefined;
  try {
    return { data: load(text, { schema: CORE_SCHEMA }) };
  } catch {
    // Not a well-formed file: the `yaml` library reads it again and says where and why.
    return undefined;
  }
}
