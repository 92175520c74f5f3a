/** Builds dist/ once before the tests, so the binary test runs the code under test, not a stale build. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export default function setup(): void {
  const root = path.resolve(__dirname, "..");
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(root, "tsconfig.build.json")],
    { stdio: "inherit" },
  );
  // As `npm run build` does: tsc writes new files without the executable bit, and
  // `npx govcloud` runs dist/cli/main.js itself.
  fs.chmodSync(path.join(root, "dist", "cli", "main.js"), 0o755);
}
