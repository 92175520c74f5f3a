/** Breaking a network rule makes the preview fail, naming the resource. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as openstack from "@pulumi/openstack";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/migration/inventory/diagnostics";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import program from "../../src/program";
import { previewStack } from "../../src/preview/preview";
import { PROJECT_ROOT } from "./support";

const run = program;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-stacks-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function stackRoot(name: string, config: string): string {
  const root = path.join(scratch, name);
  fs.mkdirSync(path.join(root, "stacks"), { recursive: true });
  fs.writeFileSync(path.join(root, "stacks", `Pulumi.${name}.yaml`), config);
  return root;
}

describe("policy violations", () => {
  it("an admin-domain floating IP fails the preview, named", async () => {
    const rogue = async () => {
      const outputs = await run();
      const provider = new openstack.Provider("rogue-openstack", {});
      new openstack.networking.FloatingIp(
        "rogue-fip",
        { pool: "internet", portId: "edu-campus-security-app-1-port-id" },
        { provider },
      );
      new openstack.networking.SecGroupRule(
        "rogue-ssh",
        {
          securityGroupId: "edu-campus-security-app-sg-id",
          direction: "ingress",
          ethertype: "IPv4",
          protocol: "tcp",
          portRangeMin: 22,
          portRangeMax: 22,
          remoteIpPrefix: "0.0.0.0/0",
        },
        { provider },
      );
      return outputs;
    };
    const result = await previewStack("zhoucun", PROJECT_ROOT, rogue);
    expect(result.violations.map((v) => [v.rule, v.message])).toEqual([
      [
        "admin-domain-has-no-internet",
        "floating IP rogue-fip is on a port of the admin domain (edu-campus-security-app-1-port)",
      ],
      [
        "floating-ips-only-in-the-dmz",
        "floating IP rogue-fip is on a port outside the DMZ (subnet education-admin-app)",
      ],
      [
        "no-ingress-from-anywhere-but-published-dmz-services",
        "rogue-ssh opens port 22 to 0.0.0.0/0 on a group not only used in the DMZ",
      ],
    ]);
    expect(result.violations[0]!.urn).toMatch(/::rogue-fip$/);
  }, 120_000);
});

describe("every policy has a failing case", () => {
  it("one rogue resource per network rule, named with the rule's message; the sample passes them all", async () => {
    const { NETWORK_RULES } = await import("../../src/network-rules/rules");
    const { loadInventory } = await import("../../src/migration/inventory/load");
    const { buildPlan } = await import("../../src/migration/plan/plan");
    const inventory = (await loadInventory([path.join(PROJECT_ROOT, "inventories", "zhoucun")])).inventory;
    const staying = buildPlan({ inventory, dataset: "zhoucun" }).systems.find(
      (s) => s.disposition !== "rehost" && s.disposition !== "replatform",
    )!;
    const k8s = await import("@pulumi/kubernetes");
    const rogue = async () => {
      const outputs = await run();
      const provider = new openstack.Provider("rogue-openstack", {});
      const cluster = new k8s.Provider("rogue-cluster", {});
      new openstack.networking.Router(
        "rogue-router",
        { name: "rogue-router", externalNetworkId: "internet", tags: ["govcloud", "domain=admin"] },
        { provider },
      );
      new openstack.networking.RouterInterface(
        "rogue-link",
        { routerId: "public-core-router-id", subnetId: "admin-mgmt-platform-id" },
        { provider },
      );
      new openstack.identity.Project("rogue-project", { name: "rogue" }, { provider });
      new k8s.core.v1.Namespace("rogue-namespace", { metadata: { name: "rogue" } }, { provider: cluster });
      new openstack.networking.SecGroup(
        "rogue-group",
        { name: "rogue", tags: ["govcloud", `system=${staying.id}`] },
        { provider },
      );
      new openstack.networking.Network("rogue-network", { name: "rogue" });
      return outputs;
    };
    const result = await previewStack("zhoucun", PROJECT_ROOT, rogue);
    const found = result.violations.map((v) => [v.rule, v.message]);
    expect(found).toEqual(
      expect.arrayContaining([
        [
          "only-the-exit-reaches-the-internet",
          "router rogue-router has an external gateway; only the unified internet exit may",
        ],
        ["domains-meet-only-at-the-exchange", "rogue-link joins the admin domain's mgmt zone to the public router"],
        ["every-department-has-quotas", "project rogue has no QuotaSetV2, QuotaV2, QuoteSetV3"],
        ["every-namespace-is-fenced", "namespace rogue has no ResourceQuota, LimitRange, default-deny NetworkPolicy"],
        [
          "nothing-for-systems-that-stay-or-go",
          `rogue-group belongs to ${staying.id}, which the plan does not move to the cloud`,
        ],
        ["explicit-providers", "rogue-network uses the default provider"],
      ]),
    );
    // Together with the case above, every policy fails on a rogue resource of its own.
    const caught = new Set([
      ...found.map(([policy]) => policy),
      "admin-domain-has-no-internet",
      "floating-ips-only-in-the-dmz",
      "no-ingress-from-anywhere-but-published-dmz-services",
    ]);
    expect(NETWORK_RULES.map((p) => p.name).filter((name) => !caught.has(name))).toEqual([]);
  }, 120_000);
});

describe("stack configuration errors", () => {
  it("are reported with the stack file's line, the key and a fix; nothing is previewed", async () => {
    const root = stackRoot(
      "broken",
      [
        "config:",
        `  govcloud:inventory: ${path.join(PROJECT_ROOT, "inventories", "zhoucun")}`,
        "  govcloud:externalNetworkName: internet",
        "  govcloud:addressPlan:",
        "    admin: 10.10.0.1/16",
        "  govcloud:waves: W1",
        "",
      ].join("\n"),
    );
    const error = await previewStack("broken", root, run).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics.map(formatDiagnostic)).toEqual([
      "stacks/Pulumi.broken.yaml:1:1: govcloud:externalNetworkId: missing (fix: set it in stacks/Pulumi.<stack>.yaml)",
      'stacks/Pulumi.broken.yaml:5:5: govcloud:addressPlan.admin: "10.10.0.1/16" is not an IPv4 network in CIDR ' +
        "form (e.g. 10.10.0.0/16, with no host bits set)",
      "stacks/Pulumi.broken.yaml:6:3: govcloud:waves: is not deployed, deployed+next, all, none, or a list of " +
        "wave ids like [2018-03-10-a]",
    ]);
  });

  it("an unknown stack names the ones there are", async () => {
    const error = await previewStack("nope", PROJECT_ROOT, run).catch((e: unknown) => e);
    expect((error as InputError).diagnostics.map(formatDiagnostic)).toEqual([
      'stacks/Pulumi.nope.yaml: no stack "nope" (fix: use one of dev, zhoucun, zhoucun-platform, zhoucun-social)',
    ]);
  });
});
