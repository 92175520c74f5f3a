import { describe, expect, it } from "vitest";
import { checkNetworkRules, NETWORK_RULES, type RuleResource } from "../../src/network-rules/rules";

const k8s = (
  type: string,
  name: string,
  namespace: string,
  spec: Record<string, unknown> = {},
  provider = "admin-cluster",
): RuleResource => ({
  urn: `urn:${type}::${name}`,
  type,
  name,
  provider,
  custom: true,
  inputs: { metadata: { name, namespace }, spec },
});
const fenced = NETWORK_RULES.find((p) => p.name === "every-namespace-is-fenced")!;
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

  it("a fence with no namespace fences no namespace of ours; an unnamed namespace still needs its fences", () => {
    const unnamed = { ...k8s("kubernetes:core/v1:Namespace", "auto", ""), inputs: {} };
    const quotaWithoutMetadata = { ...k8s("kubernetes:core/v1:ResourceQuota", "q", ""), inputs: {} };
    expect(fenced.check([unnamed, quotaWithoutMetadata], context).map((v) => v.message)).toEqual([
      "namespace ? has no ResourceQuota, LimitRange, default-deny NetworkPolicy",
    ]);
  });
});

describe("what counts as a default-deny NetworkPolicy", () => {
  const namespace = { ...k8s("kubernetes:core/v1:Namespace", "edu", ""), inputs: { metadata: { name: "edu" } } };
  const base = [
    namespace,
    k8s("kubernetes:core/v1:ResourceQuota", "q", "edu"),
    k8s("kubernetes:core/v1:LimitRange", "l", "edu"),
  ];
  const missing = (spec: Record<string, unknown> | undefined) =>
    fenced
      .check(
        [
          ...base,
          {
            ...k8s("kubernetes:networking.k8s.io/v1:NetworkPolicy", "deny", "edu"),
            inputs: { metadata: { name: "deny", namespace: "edu" }, ...(spec ? { spec } : {}) },
          },
        ],
        context,
      )
      .map((v) => v.message);

  it("all pods, both directions, no rule letting anything in or out", () => {
    expect(missing({ podSelector: {}, policyTypes: ["Ingress", "Egress"] })).toEqual([]);
    expect(missing({ policyTypes: ["Egress", "Ingress"] })).toEqual([]);
  });

  it.each([
    ["no spec", undefined],
    ["some pods only", { podSelector: { matchLabels: { app: "x" } }, policyTypes: ["Ingress", "Egress"] }],
    ["ingress only", { podSelector: {}, policyTypes: ["Ingress"] }],
    ["egress only", { podSelector: {}, policyTypes: ["Egress"] }],
    ["no policy types", { podSelector: {} }],
    ["a rule letting traffic in", { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}] }],
    ["a rule letting traffic out", { podSelector: {}, policyTypes: ["Ingress", "Egress"], egress: [{}] }],
  ])("not with %s", (_, spec) => {
    expect(missing(spec)).toEqual(["namespace edu has no default-deny NetworkPolicy"]);
  });

  it("only a Kubernetes NetworkPolicy counts, not another API's resource with the same spec", () => {
    const lookalike = {
      ...k8s("kubernetes:crd.projectcalico.org/v1:NetworkPolicy", "deny", "edu"),
      inputs: {
        metadata: { name: "deny", namespace: "edu" },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      },
    };
    expect(fenced.check([...base, lookalike], context).map((v) => v.message)).toEqual([
      "namespace edu has no default-deny NetworkPolicy",
    ]);
  });

  it("lists everything a namespace lacks, in one message", () => {
    expect(fenced.check([namespace], context).map((v) => v.message)).toEqual([
      "namespace edu has no ResourceQuota, LimitRange, default-deny NetworkPolicy",
    ]);
  });
});

describe("explicit providers, and the order of all violations", () => {
  const explicit = NETWORK_RULES.find((p) => p.name === "explicit-providers")!;
  const resource = (name: string, provider: string, more: Partial<RuleResource> = {}): RuleResource => ({
    urn: `urn:pulumi:s::p::openstack:networking/network:Network::${name}`,
    type: "openstack:networking/network:Network",
    name,
    provider,
    custom: true,
    inputs: {},
    ...more,
  });

  it("the ambient default provider, of any version, or none at all, is named", () => {
    const resources = [
      resource("none", ""),
      resource("default", "urn:pulumi:s::p::pulumi:providers:openstack::default::id"),
      resource("versioned", "urn:pulumi:s::p::pulumi:providers:openstack::default_3_15_2::id"),
      resource("major-10", "urn:pulumi:s::p::pulumi:providers:kubernetes::default_10_1_0::id"),
      resource("patch-12", "urn:pulumi:s::p::pulumi:providers:kubernetes::default_4_18_12::id"),
      resource("named", "urn:pulumi:s::p::pulumi:providers:openstack::zhoucun-openstack::id"),
      resource("lookalike", "urn:pulumi:s::p::pulumi:providers:openstack::default-ish::id"),
      resource("component", "", { custom: false }),
      resource("provider", "", { type: "pulumi:providers:openstack" }),
      resource("stack-reference", "", { type: "pulumi:pulumi:StackReference" }),
    ];
    expect(explicit.check(resources, context).map((v) => v.message)).toEqual([
      "none uses the default provider",
      "default uses the default provider",
      "versioned uses the default provider",
      "major-10 uses the default provider",
      "patch-12 uses the default provider",
    ]);
  });

  it("checkNetworkRules lists violations by resource, then by policy", () => {
    const bare = { ...k8s("kubernetes:core/v1:Namespace", "b", ""), urn: "urn:b", provider: "" };
    const first = { ...k8s("kubernetes:core/v1:Namespace", "a", ""), urn: "urn:a", provider: "" };
    const found = checkNetworkRules([bare, first], context).map((v) => [v.urn, v.rule]);
    expect(found).toEqual([
      ["urn:a", "every-namespace-is-fenced"],
      ["urn:a", "explicit-providers"],
      ["urn:b", "every-namespace-is-fenced"],
      ["urn:b", "explicit-providers"],
    ]);
  });
});
