/**
 * Reads the stack's configuration into the landing zone's config, checked like the
 * inventory: every `govcloud:` key against one strict schema (an unknown key is an error
 * with a did-you-mean, a wrong type names the type expected), and secrets only as secure
 * values (a plaintext kubeconfig, password or token is refused, never copied into a preview,
 * a diff or a log). Pulumi stores objects as JSON strings; plain strings stay.
 */
import { describeIssue } from "../migration/inventory/issues";
import { formatPath } from "../migration/inventory/issues";
import { didYouMean } from "../migration/inventory/suggest";
import { LandingZoneConfigSchema, type LandingZoneConfig } from "../components/landing-zone/config";

export interface StackProblem {
  /** The key under `govcloud:` (dotted into objects), or a full `namespace:key` outside it. */
  readonly key: string;
  readonly message: string;
}

export class StackConfigError extends Error {
  constructor(readonly problems: readonly StackProblem[]) {
    super(
      `the stack's configuration is invalid:\n${problems.map((p) => `  ${fullKey(p.key)}: ${p.message}`).join("\n")}`,
    );
    this.name = "StackConfigError";
  }
}

/** `govcloud:<key>`, or the key itself when it is another namespace's. */
export const fullKey = (key: string) => (key.includes(":") ? key : `govcloud:${key}`);

/** Keys the program reads besides the schema's: only ever as secrets. */
const SECRET_ONLY = new Set(["kubeconfig"]);
/** A key whose name says it holds a credential, in any namespace (openstack:password, govcloud:token…). */
const CREDENTIAL = /(password|passwd|token|secret|credential|kubeconfig|private[-_]?key|application[-_]?credential)/i;

/**
 * `config` maps full keys (`govcloud:inventory`, `openstack:region`) to the raw strings the
 * Pulumi CLI hands the program; `isSecret(key)` says whether the stack file holds the key as
 * a `secure:` value. Every problem is collected and reported at once.
 */
export function parseStackConfig(
  config: Readonly<Record<string, string>>,
  isSecret: (key: string) => boolean,
): LandingZoneConfig {
  const problems: StackProblem[] = [];
  const known = Object.keys(LandingZoneConfigSchema.shape);
  const raw: Record<string, unknown> = {};
  for (const [full, value] of Object.entries(config)) {
    const secret = isSecret(full);
    if (CREDENTIAL.test(full) && !secret) {
      problems.push({
        key: full,
        message:
          `holds a credential in plain text (fix: remove it from the stack file and run pulumi config set ` +
          `--secret ${full} …)`,
      });
      continue;
    }
    if (!full.startsWith("govcloud:")) continue;
    const key = full.slice("govcloud:".length);
    if (SECRET_ONLY.has(key)) continue;
    if (!known.includes(key)) {
      const suggestion = didYouMean(key, [...known, ...SECRET_ONLY]);
      problems.push({
        key,
        message:
          `unknown key${suggestion ? `; ${suggestion.replace(/"(.+)"/, '"govcloud:$1"')}` : ""} (fix: ` +
          `${suggestion ? "rename it" : `remove it; the keys are ${known.join(", ")}`})`,
      });
      continue;
    }
    if (secret) {
      // An encrypted value cannot be read offline, and none of these is a secret: say so.
      problems.push({
        key,
        message:
          "is a secure value, but it is not a secret (fix: set it in plain text: pulumi config set govcloud:" +
          key +
          " …)",
      });
      continue;
    }
    try {
      // Pulumi hands the program objects and lists as JSON, booleans as "true"/"false".
      raw[key] = /^[[{]/.test(value.trim()) || value === "true" || value === "false" ? JSON.parse(value) : value;
    } catch {
      raw[key] = value;
    }
  }
  const authUrl = raw.authUrl;
  if (typeof authUrl === "string" && /^[a-z][a-z0-9+.-]*:\/\/[^/@]*@/i.test(authUrl)) {
    problems.push({
      key: "authUrl",
      message:
        "carries credentials in the URL (fix: give the bare Keystone URL; " +
        "the provider reads OS_USERNAME and OS_PASSWORD from the environment)",
    });
    delete raw.authUrl;
  }
  const result = LandingZoneConfigSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const described of describeIssue(issue, () => known)) {
        const missing = described.message === "missing required field";
        problems.push({
          key: formatPath(described.path),
          message: missing
            ? "missing (fix: set it in stacks/Pulumi.<stack>.yaml)"
            : `${described.message}${described.fix ? ` (fix: ${described.fix})` : ""}`,
        });
      }
    }
  }
  if (problems.length > 0) throw new StackConfigError(problems);
  return result.data!;
}
