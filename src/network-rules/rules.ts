/**
 * The network rules of the government cloud as code, written once: pure functions over
 * the resource graph a program registers (type, name, inputs, parent). Used by the
 * component tests, by the offline preview (a violation fails it) and by the CrossGuard
 * pack for real `pulumi preview` runs.
 */

import { contains, overlaps, parseCidr } from "../components/landing-zone/cidr";
import { mockId } from "../preview/mock-id";

export interface RuleResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly custom: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface Violation {
  /** The rule's name. */
  readonly rule: string;
  readonly urn: string;
  readonly message: string;
}

export interface RuleContext {
  /**
   * The resource a (top-level) property of `resource` refers to: offline by the mock ids
   * it holds, in a real run by the property's dependencies (ids are not known yet there).
   */
  readonly ref: (resource: RuleResource, property: string) => RuleResource | undefined;
  /** Every resource a list property refers to. */
  readonly refs: (resource: RuleResource, property: string) => RuleResource[];
  /** Systems that may have resources: those planned to rehost or replatform (undefined: not checked). */
  readonly buildable: ReadonlySet<string> | undefined;
  /** Every system of the inventory, to tell a foreign tag from a forbidden one. */
  readonly known: ReadonlySet<string>;
  /** The two domains' address ranges. */
  readonly domainCidrs: Readonly<Record<"admin" | "public", string>>;
}

export interface NetworkRule {
  readonly name: string;
  readonly description: string;
  readonly check: (resources: readonly RuleResource[], context: RuleContext) => Violation[];
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

const of = (resources: readonly RuleResource[], type: string) => resources.filter((r) => r.type === type);
const violation = (rule: string, resource: RuleResource, message: string): Violation => ({
  rule,
  urn: resource.urn,
  message,
});

/** The domain a router serves: its own tag, "exit" for the internet exit. */
function routerDomain(router: RuleResource | undefined): string | undefined {
  return tagValue(router, "role") === "internet-exit" ? "exit" : tagValue(router, "domain");
}

function portSubnet(port: RuleResource | undefined, context: RuleContext): RuleResource | undefined {
  return port ? context.ref(port, "fixedIps") : undefined;
}

/**
 * The domain a router's routes must not lead into: the other domain for a core router, the
 * admin domain for the internet exit (its one route leads back into the public domain).
 */
const FORBIDDEN_ROUTES = new Map<string, "admin" | "public">([
  ["admin", "public"],
  ["public", "admin"],
  ["exit", "admin"],
]);

/**
 * The address space of networks that are not the internet (RFC 1918, and the shared space of
 * RFC 6598 that carriers hand out inside private lines). A route of the admin domain may lead
 * only into it, or into the cloud's own domains (an extranet numbered in registered space is
 * declared in the address plan): a default route is the plain case, but `0.0.0.0/1` +
 * `128.0.0.0/1`, or any other public range, reaches the internet just as well.
 */
const PRIVATE_SPACE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map((c) => parseCidr(c)!);

/** Why a route of the admin domain leads to the internet, or undefined when it does not. */
function internetRoute(destination: string, context: RuleContext): string | undefined {
  const cidr = parseCidr(destination);
  if (cidr === undefined) return `${destination}, which is not a CIDR govcloud can read`;
  const own = Object.values(context.domainCidrs).map((c) => parseCidr(c));
  const inside = [...PRIVATE_SPACE, ...own].some((space) => space !== undefined && contains(space, cidr));
  if (inside) return undefined;
  return destination === "0.0.0.0/0"
    ? destination
    : `${destination}, which is neither private address space nor the cloud's own`;
}

/** What fences a namespace in, in the order a violation lists what is missing. */
const FENCES = ["ResourceQuota", "LimitRange", "default-deny NetworkPolicy"] as const;

/**
 * The fence a Kubernetes resource puts around its namespace, if any. A default-deny policy
 * selects every pod, in both directions, and lets nothing in or out.
 */
function fenceOf(r: RuleResource): (typeof FENCES)[number] | undefined {
  if (r.type === T.resourceQuota) return "ResourceQuota";
  if (r.type === T.limitRange) return "LimitRange";
  if (r.type !== T.networkPolicy) return undefined;
  const spec = r.inputs.spec as
    { podSelector?: Record<string, unknown>; policyTypes?: string[]; ingress?: unknown; egress?: unknown } | undefined;
  const denies =
    spec !== undefined &&
    Object.keys(spec.podSelector ?? {}).length === 0 &&
    ["Ingress", "Egress"].every((direction) => spec.policyTypes?.includes(direction)) &&
    spec.ingress === undefined &&
    spec.egress === undefined;
  return denies ? "default-deny NetworkPolicy" : undefined;
}

export const NETWORK_RULES: readonly NetworkRule[] = [
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
        if (routerDomain(context.ref(route, "routerId")) !== "admin") continue;
        // Read only for the admin domain's routes: in a real preview a value not known yet
        // skips the policy, and other routers' destinations are no business of this rule.
        const why = internetRoute(String(route.inputs.destinationCidr), context);
        if (why !== undefined)
          found.push(
            violation(
              "admin-domain-has-no-internet",
              route,
              `route ${route.name} sends the admin domain's traffic to ${why}`,
            ),
          );
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
      "The admin and public domains meet only at the exchange platform (共享交换平台): " +
      "no subnet on the other domain's router, no route between them, no route from the internet exit into the " +
      "admin domain.",
    check: (resources, context) => {
      const found: Violation[] = [];
      for (const link of of(resources, T.routerInterface)) {
        const side = routerDomain(context.ref(link, "routerId"));
        const port = context.ref(link, "portId");
        // An interface names a subnet or a port on one: either way the subnet says what it joins.
        // The exchange platform's subnet belongs to neither domain; each core router's port on it
        // carries that router's domain, so the exchange passes on both sides and nowhere else.
        const subnet = context.ref(link, "subnetId") ?? portSubnet(port, context);
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
              `${link.name} joins the ${domain} domain${zone ? `'s ${zone} zone` : ""} to the ${side} router`,
            ),
          );
        }
      }
      for (const route of of(resources, T.routerRoute)) {
        const side = routerDomain(context.ref(route, "routerId"));
        const into = FORBIDDEN_ROUTES.get(side ?? "");
        if (!into) continue;
        const destination = parseCidr(String(route.inputs.destinationCidr));
        // An unreadable range for the other domain (a policy pack's setting) marks nothing.
        const other = parseCidr(context.domainCidrs[into]);
        // A default route (prefix 0) is the internet's business: the exit for the public domain,
        // refused for the admin domain by admin-domain-has-no-internet.
        if (destination && other && destination.prefix > 0 && overlaps(destination, other)) {
          found.push(
            violation(
              "domains-meet-only-at-the-exchange",
              route,
              `route ${route.name} on the ${side} router leads into the ${into} domain ` +
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
      // One pass over the resources, each fence noted by cluster and namespace: a province has hundreds of namespaces.
      // Keyed as JSON, so a fence without a namespace is not mistaken for one named "undefined".
      const key = (provider: string, namespace: string | undefined, fence: string) =>
        JSON.stringify([provider, namespace, fence]);
      const fences = new Set<string>();
      for (const r of resources) {
        const fence = fenceOf(r);
        if (fence)
          fences.add(key(r.provider, (r.inputs.metadata as { namespace?: string } | undefined)?.namespace, fence));
      }
      return of(resources, T.namespace).flatMap((namespace) => {
        const name = (namespace.inputs.metadata as { name?: string } | undefined)?.name;
        // A namespace left to be auto-named cannot be told which fences are its own.
        const missing = FENCES.filter(
          (fence) => name === undefined || !fences.has(key(namespace.provider, name, fence)),
        );
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

export function checkNetworkRules(resources: readonly RuleResource[], context: RuleContext): Violation[] {
  return NETWORK_RULES.flatMap((rule) => rule.check(resources, context)).sort((a, b) =>
    a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : a.rule < b.rule ? -1 : 1,
  );
}

/** References by the ids the mock runtime gives (`<name>-id`): how the offline preview resolves them. */
export function mockIdContext(
  resources: readonly RuleResource[],
  rest: Omit<RuleContext, "ref" | "refs">,
): RuleContext {
  const byId = new Map(resources.map((r) => [mockId(r.name), r]));
  // Every id anywhere in the property's value (a list, an object such as a fixed IP), in order.
  const refs = (resource: RuleResource, property: string) => {
    const found: RuleResource[] = [];
    const visit = (value: unknown): void => {
      if (typeof value === "string") {
        const target = byId.get(value);
        if (target) found.push(target);
      } else if (typeof value === "object" && value !== null) Object.values(value).forEach(visit);
    };
    visit(resource.inputs[property]);
    return found;
  };
  return { ...rest, ref: (resource, property) => refs(resource, property)[0], refs };
}
