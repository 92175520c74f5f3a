import { describe, expect, it } from "vitest";
import { POLICIES, type PolicyResource } from "../../src/policies/policies";

const k8s = (
  type: string,
  name: string,
  namespace: string,
  spec: Record<string, unknown> = {},
  provider = "admin-cluster",
): PolicyResource => ({
  urn: `urn:${type}::${name}`,
  type,
  name,
  provider,
  custom: true,
  inputs: { metadata: { name, namespace }, spec },
});
const fenced = POLICIES.find((p) => p.name === "every-namespace-is-fenced")!;
const context = {
  ref: () => undefined,
  refs: () => [],
  buildable: undefined,
  known: new Set<string>(),
  domainCidrs: { admin: "10.10.0.0/16", public: "10.20.0.0/16" },
};

describe("every namespace is fenced", () => {
  it("names what a namespace lacks, per cluster", () => {
    const resources = [
      { ...k8s("kubernetes:core/v1:Namespace", "hrss", ""), inputs: { metadata: { name: "hrss" } } },
      k8s("kubernetes:core/v1:ResourceQuota", "q", "hrss"),
      k8s("kubernetes:networking.k8s.io/v1:NetworkPolicy", "default-deny", "hrss", {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
      }),
      // The public cluster's LimitRange does not fence the admin cluster's namespace.
      k8s("kubernetes:core/v1:LimitRange", "l", "hrss", {}, "public-cluster"),
    ];
    expect(fenced.check(resources, context).map((v) => v.message)).toEqual(["namespace hrss has no LimitRange"]);
    expect(fenced.check([...resources, k8s("kubernetes:core/v1:LimitRange", "l", "hrss")], context)).toEqual([]);
  });
});
