/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack src/policies/pack`. The same
 * policies the offline preview checks, mandatory, as stack validations. Build first
 * (npm run build): PulumiPolicy.yaml's package.json points at the compiled pack.
 */
import { PolicyPack } from "@pulumi/policy";
import { checkCrossGuard, DEFAULT_SETTINGS, type CrossGuardSettings } from "../crossguard";
import { POLICIES } from "../policies";

new PolicyPack("govcloud-network", {
  enforcementLevel: "mandatory",
  policies: POLICIES.filter((p) => p.name !== "nothing-for-systems-that-stay-or-go").map((policy) => ({
    name: policy.name,
    description: policy.description,
    enforcementLevel: "mandatory" as const,
    configSchema: {
      properties: {
        adminCidr: { type: "string", default: DEFAULT_SETTINGS.adminCidr },
        publicCidr: { type: "string", default: DEFAULT_SETTINGS.publicCidr },
      },
    },
    validateStack: (args, reportViolation) => {
      const settings = { ...DEFAULT_SETTINGS, ...args.getConfig<Partial<CrossGuardSettings>>() };
      for (const violation of checkCrossGuard(policy.name, args.resources, settings))
        reportViolation(violation.message, violation.urn);
    },
  })),
});
