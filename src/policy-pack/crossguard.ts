/**
 * The same policies for real runs: adapts CrossGuard's stack-validation view of the
 * resources (pulumi preview --policy-pack) to the resource graph the policies read.
 * References come from each property's dependencies, as ids are not known in a preview.
 */
import type { PolicyResource as CrossGuardResource } from "@pulumi/policy";
import { NETWORK_RULES, type RuleContext, type RuleResource, type Violation } from "../network-rules/rules";

export interface CrossGuardSettings {
  readonly adminCidr: string;
  readonly publicCidr: string;
}

export const DEFAULT_SETTINGS: CrossGuardSettings = { adminCidr: "10.10.0.0/16", publicCidr: "10.20.0.0/16" };

export function toRuleResources(resources: readonly CrossGuardResource[]): {
  resources: RuleResource[];
  context: Omit<RuleContext, "domainCidrs" | "buildable" | "known">;
} {
  const converted = new Map<CrossGuardResource, RuleResource>();
  for (const r of resources) {
    converted.set(r, {
      urn: r.urn,
      type: r.type,
      name: r.name,
      // A provider reference is urn::id; the id does not matter to the policies, the urn does.
      provider: r.provider ? `${r.provider.urn}::id` : "",
      custom: r.provider !== undefined,
      inputs: r.props as Record<string, unknown>,
    });
  }
  const refs = (resource: RuleResource, property: string): RuleResource[] => {
    const source = resources.find((r) => r.urn === resource.urn);
    return (source?.propertyDependencies[property] ?? [])
      .map((d) => converted.get(resources.find((r) => r.urn === d.urn)!))
      .filter((r): r is RuleResource => r !== undefined);
  };
  return {
    resources: [...converted.values()],
    context: { ref: (resource, property) => refs(resource, property)[0], refs },
  };
}

/**
 * Runs one network rule (one policy of the pack) over CrossGuard's resources. The rule about systems that stay or go
 * needs the plan and is checked by the offline preview, not here.
 */
export function checkCrossGuard(
  name: string,
  resources: readonly CrossGuardResource[],
  settings: CrossGuardSettings,
): Violation[] {
  const rule = NETWORK_RULES.find((r) => r.name === name);
  if (!rule) return [];
  const { resources: converted, context } = toRuleResources(resources);
  return rule.check(converted, {
    ...context,
    buildable: undefined,
    known: new Set(),
    domainCidrs: { admin: settings.adminCidr, public: settings.publicCidr },
  });
}
