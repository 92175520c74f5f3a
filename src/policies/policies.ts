/**
 * The network rules of the government cloud as code, written once: pure functions over
 * the resource graph a program registers (type, name, inputs, parent). Used by the
 * component tests, by the offline preview (a violation fails it) and by the CrossGuard
 * pack for real `pulumi preview` runs.
 */

import { overlaps, parseCidr } from "../components/landing-zone/cidr";
import { mockId } from "../preview/mock-id";

export interface PolicyResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly custom: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface Violation {
  readonly policy: string;
  readonly urn: string;
  readonly message: string;
}

export interface PolicyContext {
  /**
   * The resource a (top-level) property of `resource` refers to: offline by the mock ids
   * it holds, in a real run by the property's dependencies (ids are not known yet there).
   */
  readonly ref: (resource: PolicyResource, property: string) => PolicyResource | undefined;
  /** Every resource a list property refers to. */
  readonly refs: (resource: PolicyResource, property: string) => PolicyResource[];
  /** Systems that may have resources: those planned to rehost or replatform (undefined: not checked). */
  readonly buildable: ReadonlySet<string> | undefined;
  /** Every system of the inventory, to tell a foreign tag from a forbidden one. */
  readonly known: ReadonlySet<string>;
  /** The two domains' address ranges. */
  readonly domainCidrs: Readonly<Record<"admin" | "public", string>>;
}

export interface Policy {
  readonly name: string;
  readonly description: string;
  readonly check: (resources: readonly PolicyResource[], context: PolicyContext) => Violation[];
}

const T = {
  router: "openstack:networking/router:Router",
  routerRoute: "openstack:networking/routerRoute:RouterRoute",
  routerInterface: "openstack:networking/routerInterface:RouterInterface",
  subnet: "openstack:networking/subnet:Subnet",
  port: "openstack:networking/port:Port",
  floatingIp: "openstack:networking/floatingIp:FloatingIp",
  secGroupRule: "openstack:networking/secGroupRule:SecGroupRule",
  project: "openstack:identity/project:Project",
  computeQuota: "openstack:compute/quotaSetV2:QuotaSetV2",
  networkQuota: "openstack:networking/quotaV2:QuotaV2",
  volumeQuota: "openstack:blockstorage/quoteSetV3:QuoteSetV3",
  namespace: "kubernetes:core/v1:Namespace",
  resourceQuota: "kubernetes:core/v1:ResourceQuota",
  limitRange: "kubernetes:core/v1:LimitRange",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
} as const;

export function tagValue(
  resource: { readonly inputs: Readonly<Record<string, unknown>> } | undefined,
  key: string,
): string | undefined {
  const tags = resource?.inputs.tags;
  if (!Array.isArray(tags)) return undefined;
  const tag = tags.find((t): t is string => typeof t === "string" && t.startsWith(`${key}=`));
  return tag?.slice(key.length + 1);
}

const of = (resources: readonly PolicyResource[], type: string) => resources.filter((r) => r.type === type);
const violation = (policy: string, resource: PolicyResource, message: string): Violation => ({
  policy,
  urn: resource.urn,
  message,
});

/** The domain a router serves: its own tag, "exit" for the internet exit. */
function routerDomain(router: PolicyResource | undefined): string | undefined {
  if (!router) return undefined;
  return tagValue(router, "role") === "internet-exit" ? "exit" : tagValue(router, "domain");
}

function portSubnet(port: PolicyResource | undefined, context: PolicyContext): PolicyResource | undefined {
  return port ? context.ref(port, "fixedIps") : undefined;
}

export const POLICIES: readonly Policy[] = [
  {
    name: "only-the-exit-reaches-the-internet",
    description: "Only the unified internet exit's router has an external gateway (统一互联网出口).",
    check: (resources) =>
      of(resources, T.router)
        .filter((r) => r.inputs.externalNetworkId !== undefined && tagValue(r, "role") !== "internet-exit")
        .map((r) =>
          violation(
            "only-the-exit-reaches-the-internet",
            r,
            `router ${r.name} has an external gateway; only the unified internet exit may`,
          ),
        ),
  },
  {
    name: "admin-domain-has-no-internet",
    description: "No floating IP and no route to the internet in the administrative-service domain (行政服务域).",
    check: (resources, context) => {
      const found: Violation[] = [];
      for (const route of of(resources, T.routerRoute)) {
        const router = context.ref(route, "routerId");
        if (routerDomain(router) === "admin" && route.inputs.destinationCidr === "0.0.0.0/0") {
          found.push(
            violation(
              "admin-domain-has-no-internet",
              route,
              `route ${route.name} sends the admin domain's traffic to 0.0.0.0/0`,
            ),
          );
        }
      }
      for (const fip of of(resources, T.floatingIp)) {
        const port = context.ref(fip, "portId");
        if (tagValue(port, "domain") === "admin" || tagValue(portSubnet(port, context), "domain") === "admin") {
          found.push(
            violation(
              "admin-domain-has-no-internet",
              fip,
              `floating IP ${fip.name} is on a port of the admin domain (${port?.name ?? "?"})`,
            ),
          );
        }
      }
      return found;
    },
  },
  {
    name: "floating-ips-only-in-the-dmz",
    description: "Floating IPs only for ports in the public domain's DMZ.",
    check: (resources, context) =>
      of(resources, T.floatingIp).flatMap((fip) => {
        const subnet = portSubnet(context.ref(fip, "portId"), context);
        return tagValue(subnet, "zone") === "dmz" && tagValue(subnet, "domain") === "public"
          ? []
          : [
              violation(
                "floating-ips-only-in-the-dmz",
                fip,
                `floating IP ${fip.name} is on a port outside the DMZ (subnet ${subnet?.name ?? "unknown"})`,
              ),
            ];
      }),
  },
  {
    name: "domains-meet-only-at-the-exchange",
    description:
      "The admin and public domains meet only at the exchange platform (共享交换平台): no subnet on the other domain's " +
      "router, no route between them.",
    check: (resources, context) => {
      const found: Violation[] = [];
      for (const link of of(resources, T.routerInterface)) {
        const side = routerDomain(context.ref(link, "routerId"));
        const subnet = context.ref(link, "subnetId");
        const port = context.ref(link, "portId");
        if (port && tagValue(port, "role") === "exchange-platform") continue; // the exchange: both sides by design
        const zone = tagValue(subnet, "zone");
        const domain = tagValue(subnet, "domain") ?? tagValue(port, "domain");
        if (
          side === "exit"
            ? domain !== undefined && !(domain === "public" && zone === "dmz")
            : domain !== undefined && side !== undefined && domain !== side
        ) {
          found.push(
            violation(
              "domains-meet-only-at-the-exchange",
              link,
              `${link.name} attaches a ${domain} ${zone ?? ""} subnet to the ${side} router`,
            ),
          );
        }
      }
      for (const route of of(resources, T.routerRoute)) {
        const side = routerDomain(context.ref(route, "routerId"));
        const destination = parseCidr(String(route.inputs.destinationCidr));
        const other =
          side === "admin" ? context.domainCidrs.public : side === "public" ? context.domainCidrs.admin : undefined;
        const otherRange = other === undefined ? undefined : parseCidr(other);
        if (destination && otherRange && destination.prefix > 0 && overlaps(destination, otherRange)) {
          found.push(
            violation(
              "domains-meet-only-at-the-exchange",
              route,
              `route ${route.name} on the ${side} router leads into the other domain ` +
                `(${String(route.inputs.destinationCidr)})`,
            ),
          );
        }
      }
      return found;
    },
  },
  {
    name: "no-ingress-from-anywhere-but-published-dmz-services",
    description: "No security-group rule opens ingress from 0.0.0.0/0, except published DMZ services on 80/443.",
    check: (resources, context) =>
      of(resources, T.secGroupRule).flatMap((rule) => {
        if (rule.inputs.direction !== "ingress" || rule.inputs.remoteIpPrefix !== "0.0.0.0/0") return [];
        const group = context.ref(rule, "securityGroupId");
        const ports = of(resources, T.port).filter(
          (p) => group !== undefined && context.refs(p, "securityGroupIds").includes(group),
        );
        const published = ports.length > 0 && ports.every((p) => tagValue(portSubnet(p, context), "zone") === "dmz");
        const web =
          rule.inputs.portRangeMin === rule.inputs.portRangeMax &&
          (rule.inputs.portRangeMin === 443 || rule.inputs.portRangeMin === 80);
        return published && web
          ? []
          : [
              violation(
                "no-ingress-from-anywhere-but-published-dmz-services",
                rule,
                `${rule.name} opens port ${String(rule.inputs.portRangeMin)} to ` +
                  `0.0.0.0/0${published ? "" : " on a group not only used in the DMZ"}`,
              ),
            ];
      }),
  },
  {
    name: "every-department-has-quotas",
    description: "Every department project has compute, network and block-storage quotas.",
    check: (resources, context) =>
      of(resources, T.project).flatMap((project) => {
        const missing = [T.computeQuota, T.networkQuota, T.volumeQuota].filter(
          (type) => !of(resources, type).some((q) => context.ref(q, "projectId") === project),
        );
        return missing.length === 0
          ? []
          : [
              violation(
                "every-department-has-quotas",
                project,
                `project ${String(project.inputs.name)} has no ${missing.map((m) => m.split(":").pop()).join(", ")}`,
              ),
            ];
      }),
  },
  {
    name: "every-namespace-is-fenced",
    description: "Every namespace has a ResourceQuota, a LimitRange and a default-deny NetworkPolicy.",
    check: (resources) => {
      // One pass over the resources, grouped by cluster and namespace: a province has hundreds of namespaces.
      const byNamespace = new Map<string, PolicyResource[]>();
      for (const r of resources) {
        if (r.type !== T.resourceQuota && r.type !== T.limitRange && r.type !== T.networkPolicy) continue;
        const key = `${r.provider}\u0000${String((r.inputs.metadata as { namespace?: string } | undefined)?.namespace)}`;
        (byNamespace.get(key) ?? byNamespace.set(key, []).get(key)!).push(r);
      }
      return of(resources, T.namespace).flatMap((namespace) => {
        const name = (namespace.inputs.metadata as { name?: string } | undefined)?.name;
        const members = byNamespace.get(`${namespace.provider}\u0000${String(name)}`) ?? [];
        const inside = (type: string) => members.filter((r) => r.type === type);
        const denies = inside(T.networkPolicy).some((p) => {
          const spec = p.inputs.spec as
            | { podSelector?: Record<string, unknown>; policyTypes?: string[]; ingress?: unknown; egress?: unknown }
            | undefined;
          return (
            spec !== undefined &&
            Object.keys(spec.podSelector ?? {}).length === 0 &&
            (spec.policyTypes ?? []).includes("Ingress") &&
            (spec.policyTypes ?? []).includes("Egress") &&
            spec.ingress === undefined &&
            spec.egress === undefined
          );
        });
        const missing = [
          inside(T.resourceQuota).length === 0 ? "ResourceQuota" : "",
          inside(T.limitRange).length === 0 ? "LimitRange" : "",
          denies ? "" : "default-deny NetworkPolicy",
        ].filter(Boolean);
        return missing.length === 0
          ? []
          : [
              violation(
                "every-namespace-is-fenced",
                namespace,
                `namespace ${name ?? "?"} has no ${missing.join(", ")}`,
              ),
            ];
      });
    },
  },
  {
    name: "nothing-for-systems-that-stay-or-go",
    description: "No resource exists for an excluded, retired or retained system.",
    check: (resources, context) =>
      resources.flatMap((r) => {
        const system =
          tagValue(r, "system") ??
          (r.inputs.metadata as { labels?: Record<string, string> } | undefined)?.labels?.["govcloud/system"];
        return system !== undefined &&
          context.buildable !== undefined &&
          context.known.has(system) &&
          !context.buildable.has(system)
          ? [
              violation(
                "nothing-for-systems-that-stay-or-go",
                r,
                `${r.name} belongs to ${system}, which the plan does not move to the cloud`,
              ),
            ]
          : [];
      }),
  },
  {
    name: "explicit-providers",
    description: "Every cloud resource names its provider; none uses the ambient default.",
    check: (resources) =>
      resources
        // pulumi:pulumi:* (the stack, StackReference) belong to the engine, not to a cloud provider.
        .filter(
          (r) =>
            r.custom &&
            !r.type.startsWith("pulumi:providers:") &&
            !r.type.startsWith("pulumi:pulumi:") &&
            (r.provider === "" || /::default(_\d+_\d+_\d+)?::/.test(r.provider)),
        )
        .map((r) => violation("explicit-providers", r, `${r.name} uses the default provider`)),
  },
];

export function checkPolicies(resources: readonly PolicyResource[], context: PolicyContext): Violation[] {
  return POLICIES.flatMap((policy) => policy.check(resources, context)).sort((a, b) =>
    a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : a.policy < b.policy ? -1 : 1,
  );
}

/** References by the ids the mock runtime gives (`<name>-id`): how the offline preview resolves them. */
export function mockIdContext(
  resources: readonly PolicyResource[],
  rest: Omit<PolicyContext, "ref" | "refs">,
): PolicyContext {
  const byId = new Map(resources.map((r) => [mockId(r.name), r]));
  const ids = (value: unknown): unknown[] => {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(ids);
    if (value && typeof value === "object") return Object.values(value).flatMap(ids);
    return [];
  };
  const refs = (resource: PolicyResource, property: string) =>
    ids(resource.inputs[property])
      .map((id) => byId.get(id as string))
      .filter((r): r is PolicyResource => r !== undefined);
  return { ...rest, ref: (resource, property) => refs(resource, property)[0], refs };
}
