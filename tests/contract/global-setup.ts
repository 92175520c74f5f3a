/**
 * Installs (when missing) and starts the real Keystone and Neutron of the contract test.
 * Where they cannot be installed or started, the test is reported skipped with the reason
 * (GOVCLOUD_CONTRACT_SKIP), never silently passed.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The test workers start after this and inherit its environment (the OS_* variables, or the skip reason). */
export default function setup(): void {
  const root = path.resolve(__dirname, "..", "..");
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(root, "tsconfig.build.json")],
    { stdio: "inherit" },
  );
  const script = (name: string) => path.join(root, "scripts", "openstack", name);
  const state = process.env.GOVCLOUD_OPENSTACK_DIR ?? path.join(os.tmpdir(), "govcloud-openstack");
  try {
    execFileSync(script("install.sh"), { stdio: ["ignore", "inherit", "pipe"] });
  } catch (error) {
    // Only a machine that cannot install the packages skips (install.sh's exit 3), with the reason.
    if ((error as { status?: number }).status !== 3) throw error;
    const reason =
      String((error as { stderr?: Buffer | string }).stderr ?? "")
        .trim()
        .split("\n")
        .pop() || "the packages cannot be installed";
    process.env.GOVCLOUD_CONTRACT_SKIP = reason;
    console.warn(`contract test skipped: ${reason}`);
    return;
  }
  // A fresh cloud every run: what an interrupted run left behind cannot decide this one.
  execFileSync(script("down.sh"), [state], { stdio: "ignore" });
  fs.rmSync(state, { recursive: true, force: true, maxRetries: 5 });
  const env = execFileSync(script("up.sh"), [state], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  for (const match of env.matchAll(/([A-Z_]+)=(\S+)/g)) process.env[match[1]!] = match[2]!;
}
