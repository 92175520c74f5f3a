/**
 * Stack files checked like the inventory (issue 17): every govcloud: key against the schema,
 * secrets only as secure values, a stack name that is never a path, a platform stack that
 * does not lead back to itself; and Kubernetes names that fit 63 characters.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { dnsLabel } from "../../src/components/landing-zone/names";
import { formatDiagnostic, InputError } from "../../src/migration/inventory/diagnostics";
import { parseStackConfig, StackConfigError } from "../../src/program/config";
import { previewStack } from "../../src/preview/preview";
import program from "../../src/program";
import { scratchFolder, zhoucunStackConfig } from "./held-support";
import { PROJECT_ROOT } from "./support";

const run = program;
const scratch = scratchFolder("stack-config");
afterAll(scratch.remove);

/** A project root whose stacks/ holds the given stacks (the zhoucun settings plus each one's changes). */
function project(stacks: Record<string, Record<string, unknown>>): string {
  const root = fs.mkdtempSync(path.join(scratch.dir, "p-"));
  fs.mkdirSync(path.join(root, "stacks"));
  for (const [name, changes] of Object.entries(stacks)) {
    const config: Record<string, unknown> = {
      ...zhoucunStackConfig(),
      "govcloud:inventory": path.join(PROJECT_ROOT, "inventories", "zhoucun"),
      ...changes,
    };
    for (const key of Object.keys(config)) if (config[key] === undefined) delete config[key];
    fs.writeFileSync(path.join(root, "stacks", `Pulumi.${name}.yaml`), stringify({ config }));
  }
  return root;
}

async function problems(stack: string, root: string): Promise<string[]> {
  const error = await previewStack(stack, root, run).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).diagnostics.map(formatDiagnostic);
}

describe("stack files are checked like the inventory", () => {
  it("a misspelt key is an error with a did-you-mean, not ignored (a misspelt waves deployed everything)", async () => {
    const root = project({
      s: { "govcloud:waves": undefined, "govcloud:wave": "none", "govcloud:regoin": "RegionOne" },
    });
    // The line and column follow the file's layout; the rest is what the user reads.
    const messages = (await problems("s", root)).map((p) => p.replace(/:\d+:\d+: /, ":L:C: "));
    expect(messages).toEqual([
      'stacks/Pulumi.s.yaml:L:C: govcloud:wave: unknown key; did you mean "govcloud:waves"? (fix: rename it)',
      'stacks/Pulumi.s.yaml:L:C: govcloud:regoin: unknown key; did you mean "govcloud:region"? (fix: rename it)',
    ]);
  });

  it("a value of the wrong type names the type expected, not 'missing'", () => {
    const error = (() => {
      try {
        parseStackConfig(
          {
            "govcloud:inventory": "x",
            "govcloud:externalNetworkId": "a",
            "govcloud:externalNetworkName": "b",
            "govcloud:rehearsal": "yes",
            "govcloud:images": "centos",
          },
          () => false,
        );
      } catch (e) {
        return e as StackConfigError;
      }
    })()!;
    expect(error.problems.map((p) => `${p.key}: ${p.message}`)).toEqual([
      expect.stringMatching(/^rehearsal: expected true or false, got "yes"/),
      expect.stringMatching(/^images: expected .*, got "centos"/),
    ]);
  });

  it(
    "a plaintext credential, in any namespace, is refused with the pulumi config set --secret fix; " +
      "a secure one is accepted and never read",
    async () => {
      const root = project({
        s: {
          "govcloud:kubeconfig": "apiVersion: v1\nusers: [{name: a, user: {token: SECRET-TOKEN-123}}]",
          "openstack:password": "hunter2",
          "govcloud:authUrl": "https://admin:pw@keystone.example/v3",
        },
      });
      const found = await problems("s", root);
      expect(found).toEqual([
        expect.stringMatching(
          /govcloud:kubeconfig: holds a credential in plain text \(fix: .*pulumi config set --secret/,
        ),
        expect.stringMatching(/openstack:password: holds a credential in plain text/),
        expect.stringMatching(/govcloud:authUrl: carries credentials in the URL/),
      ]);
      expect(found.join("\n")).not.toMatch(/SECRET-TOKEN-123|hunter2|admin:pw/);
      const secure = project({ s: { "govcloud:kubeconfig": { secure: "v1:AAAABBBBCCCC" } } });
      const result = await previewStack("s", secure, run);
      expect(JSON.stringify(result.resources)).not.toMatch(/AAAABBBBCCCC/);
    },
    120_000,
  );

  it("--stack is a name, never a path out of stacks/", async () => {
    expect(await problems("../../etc/passwd", PROJECT_ROOT)).toEqual([
      `stacks/: --stack: "../../etc/passwd" is not a stack name (fix: ` +
        `give the name of a stacks/Pulumi.<name>.yaml: letters, digits, '-', '_' and '.', not a path)`,
    ]);
  });

  it("a workload stack whose platform stack leads back to it is one error, not an endless recursion", async () => {
    const workloads = { "govcloud:layer": "workloads", "govcloud:waves": "none" };
    const root = project({
      a: { ...workloads, "govcloud:platformStack": "org/govcloud/b" },
      b: { ...workloads, "govcloud:platformStack": "org/govcloud/a" },
    });
    expect(await problems("a", root)).toEqual([
      expect.stringMatching(
        /^stacks\/Pulumi\.b\.yaml:\d+:\d+: govcloud:platformStack: leads back to this stack \(a → b → a\)/,
      ),
    ]);
  });
});

describe("Kubernetes names fit a DNS label", () => {
  it("a name of up to 63 characters is unchanged; a longer one is cut and hashed, stably and distinctly", () => {
    const id = `a${"b".repeat(61)}c`;
    expect(dnsLabel(id)).toBe(id);
    const long = `${id}-app`;
    expect(dnsLabel(long)).toHaveLength(63);
    expect(dnsLabel(long)).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
    expect(dnsLabel(long)).toBe(dnsLabel(long));
    expect(dnsLabel(`${id}-web`)).not.toBe(dnsLabel(long));
  });
});
