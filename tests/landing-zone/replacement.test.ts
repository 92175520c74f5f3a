/** The force-new table: which changes replace a resource, and which losses are flagged first. */
import { describe, expect, it } from "vitest";
import { diffPreviews, renderDiffMarkdown, renderDiffText, type ResourceChange } from "../../src/preview/diff";
import { pathEffect, rulesFor, toBytes } from "../../src/preview/replacement";
import { preview } from "./support";

const SUBNET = "openstack:networking/subnet:Subnet";
const RULE = "openstack:networking/secGroupRule:SecGroupRule";
const PROJECT = "openstack:identity/project:Project";
const VOLUME = "openstack:blockstorage/volume:Volume";
const INSTANCE = "openstack:compute/instance:Instance";
const PVC = "kubernetes:core/v1:PersistentVolumeClaim";

interface Res {
  urn: string;
  type: string;
  name: string;
  parent: string;
  inputs: Record<string, unknown>;
  protect?: boolean;
}
const res = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<Res> = {}): Res => ({
  urn: `urn:pulumi:s::govcloud::${type}::${name}`,
  type,
  name,
  parent: "",
  inputs,
  ...extra,
});

/** The diff of one resource changed from `old` to `now` inputs. */
function change(type: string, old: Record<string, unknown>, now: Record<string, unknown>): ResourceChange {
  const [r] = diffPreviews({ resources: [res(type, "r", old)] }, { resources: [res(type, "r", now)] }).resources;
  return r!;
}

const subnet = {
  cidr: "10.10.1.0/24",
  ipVersion: 4,
  name: "finance-app",
  networkId: "admin-app-id",
  tags: ["govcloud"],
};

describe("force-new fields", () => {
  it("a subnet's cidr change is a replacement, named", () => {
    const r = change(SUBNET, subnet, { ...subnet, cidr: "10.10.2.0/24" });
    expect(r.action).toBe("replace");
    expect(r.reasons).toEqual(["cidr"]);
    expect(renderDiffText({ resources: [r] })).toContain("-/+ openstack:networking/subnet:Subnet r  (replaced: cidr)");
  });

  it("a subnet's name or tags change is an update", () => {
    expect(change(SUBNET, subnet, { ...subnet, name: "finance-apps", tags: ["govcloud", "x"] }).action).toBe("update");
  });

  it("a project's description change is an update; its parent is a replacement", () => {
    const project = { name: "finance", description: "区财政局", enabled: true };
    expect(change(PROJECT, project, { ...project, description: "区财政局（新）" }).action).toBe("update");
    expect(change(PROJECT, project, { ...project, parentId: "city-id" }).action).toBe("replace");
  });

  it("every field of a security-group rule forces replacement, description included", () => {
    const rule = {
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      portRangeMin: 443,
      portRangeMax: 443,
      remoteIpPrefix: "10.0.0.0/8",
    };
    for (const [key, value] of Object.entries({
      remoteIpPrefix: "10.1.0.0/16",
      description: "now described",
      portRangeMax: 444,
    })) {
      expect(change(RULE, rule, { ...rule, [key]: value }).action).toBe("replace");
    }
  });

  it("an instance's block devices and networks force replacement, its flavour resizes, its image rebuilds", () => {
    const server = {
      name: "s",
      flavorName: "2C4G",
      blockDevices: [{ uuid: "img-a", sourceType: "image", volumeSize: 40 }],
      networks: [{ port: "p-id" }],
    };
    const otherImage = [{ uuid: "img-b", sourceType: "image", volumeSize: 40 }];
    expect(change(INSTANCE, server, { ...server, blockDevices: otherImage }).reasons).toEqual(["blockDevices[0].uuid"]);
    expect(
      change(INSTANCE, server, {
        ...server,
        blockDevices: [...server.blockDevices, { uuid: "v", sourceType: "volume" }],
      }).action,
    ).toBe("replace");
    expect(change(INSTANCE, server, { ...server, networks: [{ port: "q-id" }] }).action).toBe("replace");
    const resized = change(INSTANCE, server, { ...server, flavorName: "4C8G" });
    expect(resized.action).toBe("update");
    expect(resized.changes[0]!.effect).toEqual({ kind: "update", note: "resizes the server (it reboots)" });
    expect(change(INSTANCE, server, { ...server, imageId: "img-c" }).reasons).toEqual([
      "imageId (rebuilds the server from the image (root disk rewritten))",
    ]);
  });

  it("a volume grows in place but never shrinks; a new volume type is a new volume", () => {
    const volume = { name: "v", size: 30 };
    expect(change(VOLUME, volume, { ...volume, size: 40 }).action).toBe("update");
    expect(change(VOLUME, volume, { ...volume, size: 20 }).action).toBe("replace");
    expect(change(VOLUME, volume, { ...volume, volumeType: "ssd" }).action).toBe("replace");
  });

  it("a claim grows in place (where its class allows expansion), never shrinks; a new class is a new claim", () => {
    const claim = {
      metadata: { name: "data", namespace: "finance" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "20Gi" } } },
    };
    const grow = change(PVC, claim, {
      ...claim,
      spec: { ...claim.spec, resources: { requests: { storage: "30Gi" } } },
    });
    expect(grow.action).toBe("update");
    expect(grow.changes[0]!.effect).toEqual({
      kind: "update",
      note: "expands in place only if the StorageClass allows volume expansion",
    });
    expect(
      change(PVC, claim, { ...claim, spec: { ...claim.spec, resources: { requests: { storage: "10000Mi" } } } }).action,
    ).toBe("replace");
    expect(change(PVC, claim, { ...claim, spec: { ...claim.spec, storageClassName: "fast" } }).action).toBe("replace");
    expect(toBytes("1Gi")).toBe(2 ** 30);
    expect(toBytes("1.5G")).toBe(1.5e9);
    expect(toBytes("lots")).toBeUndefined();
  });

  it("any Kubernetes object's name or namespace is its identity; a Deployment's selector too", () => {
    const metadata = { name: "app", namespace: "finance", labels: { app: "a" } };
    const deployment = { metadata, spec: { replicas: 1, selector: { matchLabels: { app: "a" } } } };
    const D = "kubernetes:apps/v1:Deployment";
    expect(change(D, deployment, { ...deployment, spec: { ...deployment.spec, replicas: 2 } }).action).toBe("update");
    const reselected = { ...deployment, spec: { ...deployment.spec, selector: { matchLabels: { app: "b" } } } };
    expect(change(D, deployment, reselected).reasons).toEqual(["spec.selector.matchLabels.app"]);
    expect(
      change("kubernetes:core/v1:Namespace", { metadata: { name: "a" } }, { metadata: { name: "b" } }).action,
    ).toBe("replace");
    // A kind nobody has looked up: its identity is known, anything else may replace.
    const cm = "kubernetes:core/v1:ConfigMap";
    expect(
      change(cm, { metadata: { name: "a" }, data: { x: "1" } }, { metadata: { name: "b" }, data: { x: "1" } }).action,
    ).toBe("replace");
    expect(
      change(cm, { metadata: { name: "a" }, data: { x: "1" } }, { metadata: { name: "a" }, data: { x: "2" } }).action,
    ).toBe("may-replace");
  });

  it("a type without rules may be replaced: it is not guessed to be an update", () => {
    const r = change("openstack:dns/recordSet:RecordSet", { ttl: 300 }, { ttl: 600 });
    expect(r.action).toBe("may-replace");
    expect(renderDiffText({ resources: [r] })).toContain(
      "-/+? openstack:dns/recordSet:RecordSet r  (may be replaced: no replacement rules for this type)",
    );
    expect(pathEffect("openstack:dns/recordSet:RecordSet", ["ttl"], 1, 2)).toEqual({ kind: "unknown" });
  });
});

describe("replacements follow references", () => {
  it("a replaced subnet replaces its router interface (subnetId forces new); ports' fixed IPs update in place", () => {
    const before = {
      resources: [
        res(SUBNET, "finance-app", subnet),
        res("openstack:networking/routerInterface:RouterInterface", "finance-app-if", {
          routerId: "core-id",
          subnetId: "finance-app-id",
        }),
        res("openstack:networking/port:Port", "p", {
          networkId: "admin-app-id",
          fixedIps: [{ subnetId: "finance-app-id" }],
        }),
      ],
    };
    const after = {
      resources: before.resources.map((r) =>
        r.name === "finance-app" ? { ...r, inputs: { ...subnet, cidr: "10.10.9.0/24" } } : r,
      ),
    };
    const diff = diffPreviews(before, after);
    expect(diff.resources.map((r) => [r.action, r.name, r.reasons])).toEqual([
      ["replace", "finance-app", ["cidr"]],
      ["replace", "finance-app-if", ["subnetId → finance-app, which gets a new id"]],
    ]);
  });
});

describe("deletions and replacements that lose data come first", () => {
  const before = {
    resources: [
      res(SUBNET, "a-subnet", subnet),
      res("openstack:networking/port:Port", "a-port", { networkId: "n-id" }),
      res(VOLUME, "z-data", { size: 30 }),
      res("openstack:networking/network:Network", "kept", { name: "kept" }, { protect: true }),
    ],
  };
  const after = {
    resources: [
      res(SUBNET, "a-subnet", { ...subnet, cidr: "10.10.2.0/24" }),
      res("openstack:networking/network:Network", "kept", { name: "kept" }),
      res(VOLUME, "new-data", { size: 10 }),
    ],
  };
  const diff = diffPreviews(before, after);

  it("a removed volume is flagged and listed before any other change", () => {
    const listed = diff.resources.map((r) => `${r.action} ${r.name}${r.risk ? " !!" : ""}`);
    expect(listed).toEqual(["delete z-data !!", "delete a-port", "replace a-subnet", "create new-data"]);
    const text = renderDiffText(diff).split("\n");
    expect(text[1]).toBe("!! 1 stateful or protected resource(s) deleted or replaced: listed first, marked !!");
    expect(text[2]).toBe("- openstack:blockstorage/volume:Volume z-data  !! a volume: its data is lost");
  });

  it("names it in the Markdown summary, before the details", () => {
    const markdown = renderDiffMarkdown(diff);
    const named = markdown.indexOf(
      "- ➖ **deleted** `openstack:blockstorage/volume:Volume` z-data: a volume: its data is lost",
    );
    expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThan(markdown.indexOf("<details"));
  });

  it("flags a protected resource (protect: true in the preview) whatever its type", () => {
    const protectedPort = diffPreviews(
      { resources: [res("openstack:networking/port:Port", "p", {}, { protect: true })] },
      { resources: [] },
    );
    expect(protectedPort.resources[0]!.risk).toBe("protected: pulumi up refuses until it is unprotected");
    const replacedVolume = change(VOLUME, { size: 30 }, { size: 30, volumeType: "hdd" });
    expect(replacedVolume.risk).toBe("a volume: its data is lost");
  });
});

describe("the table covers the program", () => {
  it("every type the sample stack creates has replacement rules", async () => {
    const result = await preview("zhoucun");
    const types = [...new Set(result.resources.map((r) => r.type))].sort();
    // The OpenStack provider's own configuration is the one thing left to "may replace".
    expect(types.filter((type) => !rulesFor(type) || rulesFor(type)!.partial)).toEqual(["pulumi:providers:openstack"]);
  }, 120_000);
});
