/**
 * Reads the stack's `govcloud:` configuration into the landing zone's config, checking
 * it with the strict schema. Pulumi stores objects as JSON strings; plain strings stay.
 */
import { formatPath } from "../migration/inventory/issues";
import { LandingZoneConfigSchema, type LandingZoneConfig } from "../components/landing-zone/config";

export class StackConfigError extends Error {
  constructor(readonly problems: readonly { readonly key: string; readonly message: string }[]) {
    super(`the stack's govcloud: configuration is invalid:\n${problems.map((p) => `  govcloud:${p.key}: ${p.message}`).join("\n")}`);
    this.name = "StackConfigError";
  }
}

/** `get(key)` answers the raw string of `govcloud:<key>`, or undefined. */
export function parseStackConfig(get: (key: string) => string | undefined): LandingZoneConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(LandingZoneConfigSchema.shape)) {
    const value = get(key);
    if (value === undefined) continue;
    try {
      // Pulumi hands the program objects and lists as JSON, booleans as "true"/"false".
      raw[key] = /^[[{]/.test(value.trim()) || value === "true" || value === "false" ? JSON.parse(value) : value;
    } catch {
      raw[key] = value;
    }
  }
  const result = LandingZoneConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new StackConfigError(result.error.issues.map((issue) => ({ key: formatPath(issue.path), message: issue.input === undefined && issue.code === "invalid_type" ? "missing (fix: set it in stacks/Pulumi.<stack>.yaml)" : issue.message })));
}
