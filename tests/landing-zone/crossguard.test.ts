/**
 * The CrossGuard adapter, fed the way the engine feeds a stack policy: properties'
 * dependencies instead of ids. (Running the pack itself needs the Pulumi CLI, which this
 * machine cannot install; what is verified here is that the same policies see the same
 * graph through the adapter.)
 */
import type { PolicyResource as CrossGuardResource } from "@pulumi/policy";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCrossGuard, DEFAULT_SETTINGS } from "../../src/policy-pack/crossguard";
import { NETWORK_RULES } from "../../src/network-rules/rules";
import type { PreviewResult } from "../../src/preview/preview";
import { preview } from "./support";

let result: PreviewResult;
beforeAll(async () => {
  result = await preview("zhoucun");
}, 120_000);

function asEngineSees(resources: PreviewResult["resources"]): CrossGuardResource[] {
  const byId = new Map(resources.map((r) => [`${r.name}-id`, r]));
  const converted = new Map<string, CrossGuardResource>();
  const ids = (value: unknown): string[] =>
    typeof value === "string"
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(ids)
        : value && typeof value === "object"
          ? Object.values(value).flatMap(ids)
          : [];
  for (const r of resources) {
    converted.set(r.urn, {
      type: r.type,
      props: r.inputs,
      urn: r.urn,
      name: r.name,
      opts: {} as CrossGuardResource["opts"],
      dependencies: [],
      propertyDependencies: {},
      ...(r.type.startsWith("govcloud:") || r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:")
        ? {}
        : {
            provider: {
              type: "pulumi:providers:openstack",
              props: {},
              urn: "urn:pulumi:zhoucun::govcloud::pulumi:providers:openstack::openstack",
              name: "openstack",
            },
          }),
    } as unknown as CrossGuardResource);
  }
  for (const r of resources) {
    const target = converted.get(r.urn)!;
    for (const [property, value] of Object.entries(r.inputs)) {
      const deps = ids(value)
        .map((id) => byId.get(id))
        .filter((d) => d !== undefined)
        .map((d) => converted.get(d.urn)!);
      if (deps.length > 0) target.propertyDependencies[property] = deps;
    }
  }
  return [...converted.values()];
}

describe("the CrossGuard pack's policies", () => {
  it("pass on the zhoucun stack, as the offline preview does", () => {
    const resources = asEngineSees(result.resources);
    for (const policy of NETWORK_RULES)
      expect(checkCrossGuard(policy.name, resources, DEFAULT_SETTINGS), policy.name).toEqual([]);
  });

  it("catch an admin-domain floating IP through the port it depends on", () => {
    const resources = asEngineSees(result.resources);
    const port = resources.find((r) => r.name === "edu-campus-security-app-1-port")!;
    const rogue = {
      type: "openstack:networking/floatingIp:FloatingIp",
      props: { pool: "internet" },
      urn: "urn:pulumi:zhoucun::govcloud::openstack:networking/floatingIp:FloatingIp::rogue-fip",
      name: "rogue-fip",
      opts: {},
      dependencies: [port],
      propertyDependencies: { portId: [port] },
      provider: port.provider,
    } as unknown as CrossGuardResource;
    expect(
      checkCrossGuard("admin-domain-has-no-internet", [...resources, rogue], DEFAULT_SETTINGS).map((v) => v.message),
    ).toEqual(["floating IP rogue-fip is on a port of the admin domain (edu-campus-security-app-1-port)"]);
  });
});
