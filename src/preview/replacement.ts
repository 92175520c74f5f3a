/**
 * Which input changes force a resource to be replaced (deleted and created again, with a new
 * id) rather than updated in place, per resource type this project creates; and which types
 * hold state that a deletion or replacement loses. Pure data and small pure functions.
 *
 * Where the rules come from:
 * - OpenStack: @pulumi/openstack 3.15.x is bridged from terraform-provider-openstack v1.54.1
 *   (pulumi-openstack's provider/go.mod), so a field forces replacement where that version's
 *   schema says `ForceNew: true` (or the resource has no Update at all). Each entry names its
 *   file under openstack/ in github.com/terraform-provider-openstack/terraform-provider-openstack
 *   at tag v1.54.1; the generated docs in node_modules/@pulumi/openstack say the same
 *   ("Changing this creates a new …"). Newer provider versions relax some (volume_type retypes
 *   in place from v3.1.0): check again when the dependency moves.
 * - Kubernetes: pulumi-kubernetes decides itself, in provider/pkg/provider/diff.go
 *   (`forceNewProperties`: metadata.name and metadata.namespace of every kind, plus a list per
 *   kind) and provider.go (`DiffConfig`, for the provider resource).
 *
 * A type without rules is not guessed: its changes are reported as "may replace", so that CI
 * stops and a person looks (a wrong "update" is the mistake that destroys data; a wrong
 * "may replace" costs a look). A test requires rules for every type the sample stacks create.
 */
import { sameValue } from "./values";

/** One path of a resource's inputs whose change forces replacement. */
export interface ForceNewRule {
  /** Dotted keys from the inputs' root (`cidr`, `spec.selector`); a change anywhere under it counts. */
  readonly path: string;
  /** Only when this holds of the old and new value (e.g. a shrink); always when absent. */
  readonly when?: (before: unknown, after: unknown) => boolean;
  /** Why, when the path alone does not say it (shown beside the path). */
  readonly why?: string;
}

/** A change that is done in place but has a condition or side effect worth saying. */
export interface Caveat {
  readonly path: string;
  readonly note: string;
}

export interface TypeRules {
  /** Where the rules were read, for the next person to check them. */
  readonly source: string;
  /** Every input change forces replacement (the resource has no in-place update). */
  readonly allForceNew?: boolean;
  readonly forceNew?: readonly ForceNewRule[];
  readonly caveats?: readonly Caveat[];
  /** Rules known for some paths only (a Kubernetes kind without its own entry): other changes may replace. */
  readonly partial?: boolean;
}

/** How one property change acts on its resource. */
export type PathEffect =
  | { readonly kind: "update"; readonly note?: string }
  | { readonly kind: "replace"; readonly why?: string }
  | { readonly kind: "unknown" };

const TF = "terraform-provider-openstack v1.54.1 openstack/";
const PK = "pulumi-kubernetes provider/pkg/provider/diff.go";

const paths = (...names: string[]): ForceNewRule[] => names.map((path) => ({ path }));

/** Cinder and Kubernetes only ever grow storage; a smaller size cannot be applied in place. */
function shrinks(before: unknown, after: unknown): boolean {
  const [old, now] = [toBytes(before), toBytes(after)];
  // A size that cannot be read is not assumed safe.
  if (old === undefined || now === undefined) return before !== undefined && after !== undefined;
  return now < old;
}

const UNITS: Record<string, number> = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};

/** A Kubernetes quantity ("20Gi", "500M") or a number of GiB (a Cinder size) in bytes; undefined when unreadable. */
export function toBytes(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value * 2 ** 30 : undefined;
  const match =
    typeof value === "string" ? /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.exec(value.trim()) : null;
  return match ? Number(match[1]) * UNITS[match[2] ?? ""]! : undefined;
}

/** The identity of every Kubernetes object: a new name or namespace is a new object. */
const K8S_IDENTITY = paths("metadata.name", "metadata.namespace");
const SELECTOR = "spec.selector";

export const RULES: Readonly<Record<string, TypeRules>> = {
  "openstack:networking/subnet:Subnet": {
    source: `${TF}resource_openstack_networking_subnet_v2.go`,
    forceNew: paths(
      "cidr",
      "ipVersion",
      "ipv6AddressMode",
      "ipv6RaMode",
      "networkId",
      "prefixLength",
      "region",
      "subnetpoolId",
      "tenantId",
      "valueSpecs",
    ),
  },
  "openstack:networking/secGroupRule:SecGroupRule": {
    // Every argument is ForceNew and the resource has no Update function.
    source: `${TF}resource_openstack_networking_secgroup_rule_v2.go`,
    allForceNew: true,
  },
  "openstack:compute/instance:Instance": {
    source: `${TF}resource_openstack_compute_instance_v2.go`,
    forceNew: [
      // Every field of a block device and the network list itself are ForceNew.
      ...paths(
        "availabilityZone",
        "availabilityZoneHints",
        "blockDevices",
        "configDrive",
        "keyPair",
        "networkMode",
        "networks",
        "region",
      ),
      ...paths("schedulerHints", "userData"),
      // Not ForceNew but a rebuild: same id, its root disk is written again from the image.
      { path: "imageId", why: "rebuilds the server from the image (root disk rewritten)" },
      { path: "imageName", why: "rebuilds the server from the image (root disk rewritten)" },
      { path: "personalities", why: "rebuilds the server (root disk rewritten)" },
    ],
    caveats: [
      { path: "flavorName", note: "resizes the server (it reboots)" },
      { path: "flavorId", note: "resizes the server (it reboots)" },
    ],
  },
  "openstack:blockstorage/volume:Volume": {
    source: `${TF}resource_openstack_blockstorage_volume_v3.go`,
    forceNew: [
      ...paths(
        "availabilityZone",
        "backupId",
        "consistencyGroupId",
        "imageId",
        "region",
        "schedulerHints",
        "snapshotId",
        "sourceReplica",
        "sourceVolId",
      ),
      // ForceNew until terraform-provider-openstack v3.1.0, which retypes in place.
      ...paths("volumeType"),
      { path: "size", when: shrinks, why: "Cinder only extends volumes: a smaller one is a new, empty volume" },
    ],
    caveats: [{ path: "size", note: "extended in place (an attached volume needs enableOnlineResize)" }],
  },
  "openstack:networking/port:Port": {
    source: `${TF}resource_openstack_networking_port_v2.go`,
    forceNew: paths("deviceId", "deviceOwner", "macAddress", "networkId", "region", "tenantId", "valueSpecs"),
  },
  "openstack:networking/routerInterface:RouterInterface": {
    source: `${TF}resource_openstack_networking_router_interface_v2.go`,
    forceNew: paths("portId", "region", "routerId", "subnetId"),
  },
  "openstack:networking/rbacPolicyV2:RbacPolicyV2": {
    source: `${TF}resource_openstack_networking_rbac_policy_v2.go`,
    forceNew: paths("action", "objectId", "objectType", "region"),
  },
  "openstack:identity/project:Project": {
    source: `${TF}resource_openstack_identity_project_v3.go`,
    forceNew: paths("domainId", "isDomain", "parentId", "region"),
  },
  "openstack:networking/floatingIp:FloatingIp": {
    source: `${TF}resource_openstack_networking_floatingip_v2.go`,
    forceNew: paths("address", "dnsDomain", "dnsName", "pool", "region", "tenantId", "valueSpecs"),
  },
  "openstack:blockstorage/quoteSetV3:QuoteSetV3": {
    source: `${TF}resource_openstack_blockstorage_quotaset_v3.go`,
    forceNew: paths("projectId", "region"),
  },
  "openstack:compute/quotaSetV2:QuotaSetV2": {
    source: `${TF}resource_openstack_compute_quotaset_v2.go`,
    forceNew: paths("projectId", "region"),
  },
  "openstack:networking/quotaV2:QuotaV2": {
    source: `${TF}resource_openstack_networking_quota_v2.go`,
    forceNew: paths("projectId", "region"),
  },
  "openstack:networking/router:Router": {
    source: `${TF}resource_openstack_networking_router_v2.go`,
    forceNew: paths("availabilityZoneHints", "distributed", "region", "tenantId", "valueSpecs"),
  },
  "openstack:networking/network:Network": {
    source: `${TF}resource_openstack_networking_network_v2.go`,
    forceNew: paths("availabilityZoneHints", "region", "tenantId", "transparentVlan", "valueSpecs"),
  },
  "openstack:networking/secGroup:SecGroup": {
    source: `${TF}resource_openstack_networking_secgroup_v2.go`,
    forceNew: paths("deleteDefaultRules", "region", "tenantId"),
  },
  "openstack:networking/routerRoute:RouterRoute": {
    source: `${TF}resource_openstack_networking_router_route_v2.go`,
    forceNew: paths("destinationCidr", "nextHop", "region", "routerId"),
  },
  "openstack:compute/volumeAttach:VolumeAttach": {
    source: `${TF}resource_openstack_compute_volume_attach_v2.go`,
    forceNew: paths("instanceId", "multiattach", "region", "vendorOptions", "volumeId"),
  },

  "kubernetes:core/v1:Namespace": { source: PK, forceNew: K8S_IDENTITY },
  "kubernetes:core/v1:LimitRange": { source: PK, forceNew: K8S_IDENTITY },
  "kubernetes:core/v1:ResourceQuota": { source: PK, forceNew: [...K8S_IDENTITY, ...paths("spec.scopes")] },
  "kubernetes:core/v1:Service": {
    // Only clusterIP: the API server changes a Service's type in place (pulumi-kubernetes agrees).
    source: PK,
    forceNew: [...K8S_IDENTITY, ...paths("spec.clusterIP")],
  },
  "kubernetes:core/v1:PersistentVolumeClaim": {
    // Since pulumi-kubernetes#1705 a change of spec.resources is an update; the API server
    // accepts a larger request only where the claim's StorageClass allows expansion, and
    // never a smaller one. The program sets no storageClassName (the cluster's default
    // class), so whether it expands cannot be known offline: a caveat, not a guess.
    source: PK,
    forceNew: [
      ...K8S_IDENTITY,
      ...paths("spec.accessModes", SELECTOR, "spec.storageClassName", "spec.volumeName"),
      {
        path: "spec.resources.requests.storage",
        when: shrinks,
        why: "Kubernetes never shrinks a claim: a smaller one is a new, empty claim",
      },
    ],
    caveats: [
      {
        path: "spec.resources.requests.storage",
        note: "expands in place only if the StorageClass allows volume expansion",
      },
    ],
  },
  "kubernetes:apps/v1:Deployment": { source: PK, forceNew: [...K8S_IDENTITY, ...paths(SELECTOR)] },
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": { source: PK, forceNew: K8S_IDENTITY },
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": {
    source: PK,
    forceNew: [...K8S_IDENTITY, ...paths("roleRef")],
  },

  "pulumi:providers:kubernetes": {
    // DiffConfig replaces the provider when the active cluster may have changed, and a new
    // provider replaces every resource it manages.
    source: "pulumi-kubernetes provider/pkg/provider/provider.go (DiffConfig)",
    forceNew: paths("cluster", "clusterIdentifier", "context", "kubeconfig", "renderYamlToDirectory").map((rule) => ({
      ...rule,
      why: "a new provider replaces every Kubernetes object it manages",
    })),
  },
};

/** Rules of any Kubernetes kind without its own entry: its identity is known, the rest is not. */
const K8S_FALLBACK: TypeRules = { source: PK, forceNew: K8S_IDENTITY, partial: true };

/** Component resources (this project's `govcloud:` types and the stack) are not in any cloud: nothing to replace. */
const COMPONENT: TypeRules = { source: "component resource: no provider, nothing in the cloud", forceNew: [] };

/** The rules of a type token, or undefined when nobody has looked the type up. */
export function rulesFor(type: string): TypeRules | undefined {
  if (RULES[type]) return RULES[type];
  if (type.startsWith("govcloud:") || type === "pulumi:pulumi:Stack") return COMPONENT;
  if (type.startsWith("kubernetes:")) return K8S_FALLBACK;
  return undefined;
}

/** A property path's keys without array indices: rules speak of fields, not positions. */
const fieldKeys = (keys: readonly (string | number)[]) => keys.filter((key): key is string => typeof key === "string");

/** The value at `rest` (dotted keys) under `value`; undefined when a key is missing. */
function select(value: unknown, rest: readonly string[]): unknown {
  let node = value;
  for (const key of rest) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const startsWith = (whole: readonly string[], prefix: readonly string[]) =>
  prefix.length <= whole.length && prefix.every((key, i) => whole[i] === key);

/**
 * What a change at `keys` (its old and new value there) does to a resource of `type`.
 * A rule applies when the change lies inside the rule's path, or when the change swaps a
 * whole subtree that contains the rule's path with a different value there.
 */
export function pathEffect(
  type: string,
  keys: readonly (string | number)[],
  before: unknown,
  after: unknown,
): PathEffect {
  const rules = rulesFor(type);
  if (!rules) return { kind: "unknown" };
  if (rules.allForceNew) return { kind: "replace" };
  const fields = fieldKeys(keys);
  for (const rule of rules.forceNew ?? []) {
    const rulePath = rule.path.split(".");
    let old: unknown;
    let now: unknown;
    if (startsWith(fields, rulePath)) [old, now] = [before, after];
    else if (startsWith(rulePath, fields)) {
      [old, now] = [select(before, rulePath.slice(fields.length)), select(after, rulePath.slice(fields.length))];
      if (sameValue(old, now)) continue;
    } else continue;
    // A condition on a value (a size) is judged on that value, not on a part of it.
    if (rule.when && !rule.when(old, now)) continue;
    return rule.why ? { kind: "replace", why: rule.why } : { kind: "replace" };
  }
  if (rules.partial) return { kind: "unknown" };
  const caveat = (rules.caveats ?? []).find(
    (c) => startsWith(fields, c.path.split(".")) || startsWith(c.path.split("."), fields),
  );
  return caveat ? { kind: "update", note: caveat.note } : { kind: "update" };
}

/** Types whose deletion or replacement loses data or an identity others depend on, and what is lost. */
export const STATEFUL: Readonly<Record<string, string>> = {
  "openstack:blockstorage/volume:Volume": "a volume: its data is lost",
  "openstack:compute/instance:Instance": "a server: its disks deleted with it are lost",
  "openstack:identity/project:Project": "a project: its id changes for every quota, grant and resource in it",
  "openstack:networking/floatingIp:FloatingIp": "a published address: a new one differs (DNS, firewalls)",
  "kubernetes:core/v1:PersistentVolumeClaim": "a claim: its volume is usually deleted with it",
  "kubernetes:core/v1:Namespace": "a namespace: everything in it is deleted, claims included",
  "pulumi:providers:kubernetes": "a provider: every object it manages is replaced",
};

/** Why losing this resource is more than churn, or undefined when it is just churn. */
export function atRisk(resource: { readonly type: string; readonly protect?: boolean }): string | undefined {
  const stateful = STATEFUL[resource.type];
  if (resource.protect)
    return stateful ? `protected; ${stateful}` : "protected: pulumi up refuses until it is unprotected";
  return stateful;
}
