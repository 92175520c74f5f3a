/**
 * The NetworkPolicies of a department namespace: deny everything, then allow what its
 * domain permits. Pure: plain Kubernetes NetworkPolicy specs.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { Domain } from "../../migration/plan/types";
import type { DomainTopology, ExchangeTopology } from "../landing-zone/topology";

export interface NetworkPolicySpec {
  readonly name: string;
  readonly spec: k8s.types.input.networking.v1.NetworkPolicySpec;
}

export function networkPolicies(
  domain: Domain,
  topology: DomainTopology,
  exchange: ExchangeTopology,
): NetworkPolicySpec[] {
  const data = topology.zones.find((z) => z.zone === "data")!.cidr;
  const policies: NetworkPolicySpec[] = [
    { name: "default-deny", spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
    {
      name: "allow-same-namespace",
      spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] },
    },
    {
      name: "allow-dns",
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }],
            ports: [
              { protocol: "UDP", port: 53 },
              { protocol: "TCP", port: 53 },
            ],
          },
        ],
      },
    },
    {
      name: "allow-data-zone",
      spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: data } }] }] },
    },
    {
      name: "allow-exchange-platform",
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [{ ipBlock: { cidr: exchange.cidr } }],
            ports: exchange.services.map((s) => ({ protocol: "TCP", port: s.port })),
          },
        ],
      },
    },
  ];
  if (domain === "public") {
    // Only the public domain publishes, and only pods marked published, through the exit's ingress controller.
    policies.push({
      name: "allow-published-from-exit",
      spec: {
        podSelector: { matchLabels: { "govcloud/published": "true" } },
        policyTypes: ["Ingress"],
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "unified-exit-ingress" } } }] },
        ],
      },
    });
  }
  return policies;
}
