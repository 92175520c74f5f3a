/**
 * The preview loads the stack's inventory before it runs the program (and offers it to
 * the program, program/preloaded.ts): an inventory with errors is answered with the
 * loader's diagnostics, relative to the project, and the program never runs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic, InputError } from "../../src/migration/inventory/diagnostics";
import { preview, PROJECT_ROOT } from "./support";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-preview-errors-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("a preview of a stack whose inventory has errors", () => {
  it("reports the inventory's diagnostics (file, line, field, fix) and does not run the program", async () => {
    const inventory = path.join(PROJECT_ROOT, "tests", "fixtures", "validation", "unique-ids", "input");
    fs.mkdirSync(path.join(scratch, "stacks"));
    fs.writeFileSync(
      path.join(scratch, "stacks", "Pulumi.bad.yaml"),
      [
        "config:",
        `  govcloud:inventory: ${inventory}`,
        "  govcloud:externalNetworkId: 00000000-0000-4000-8000-000000000000",
        "  govcloud:externalNetworkName: internet",
        "  govcloud:addressPlan: { admin: 10.0.0.0/12, public: 10.16.0.0/12, exchange: " +
          "10.32.0.0/24, exitTransit: 10.33.0.0/29, departmentPrefix: 24 }",
        "",
      ].join("\n"),
    );
    const failure = await preview("bad", scratch).then(
      () => undefined,
      (cause: unknown) => cause,
    );
    expect(failure).toBeInstanceOf(InputError);
    const file = path.relative(scratch, path.join(inventory, "inventory.yaml")).split(path.sep).join("/");
    expect((failure as InputError).diagnostics.map(formatDiagnostic)).toEqual([
      `${file}:6:9: departments[1].id: duplicate department id "info-centre", first defined at ${file}:3:9 (fix: ` +
        `give each department its own id)`,
      `${file}:33:9: systems[1].id: duplicate system id "portal", first defined at ${file}:15:9 (fix: ` +
        `give each system its own id)`,
    ]);
  }, 60_000);
});
