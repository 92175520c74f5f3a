/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack src/policy-pack`. Each network
 * rule the offline preview checks is one policy of the pack, mandatory, as stack validations. Build first
 * (npm run build): PulumiPolicy.yaml's package.json points at the compiled pack.
 */
import { PolicyPack } from "@pulumi/policy";
import { checkCrossGuard, DEFAULT_SETTINGS, type CrossGuardSettings } from "./crossguard";
import { NETWORK_RULES } from "../network-rules/rules";
import { CIDR_PATTERN } from "../components/landing-zone/cidr";

new PolicyPack("govcloud-network", {
  enforcementLevel: "mandatory",
  policies: NETWORK_RULES.filter((rule) => rule.name !== "nothing-for-systems-that-stay-or-go").map((rule) => ({
    name: rule.name,
    description: rule.description,
    enforcementLevel: "mandatory" as const,
    configSchema: {
      properties: {
        adminCidr: { type: "string", pattern: CIDR_PATTERN.source, default: DEFAULT_SETTINGS.adminCidr },
        publicCidr: { type: "string", pattern: CIDR_PATTERN.source, default: DEFAULT_SETTINGS.publicCidr },
      },
    },
    validateStack: (args, reportViolation) => {
      const settings = { ...DEFAULT_SETTINGS, ...args.getConfig<Partial<CrossGuardSettings>>() };
      for (const violation of checkCrossGuard(rule.name, args.resources, settings))
        reportViolation(violation.message, violation.urn);
    },
  })),
});
