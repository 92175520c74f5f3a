import { defineConfig } from "vitest/config";
// Real PostgreSQL, rsync and nginx cutovers, the PostgreSQL journal, the binary run as `nobody`.
import END_TO_END from "./tests/end-to-end.json" with { type: "json" };

// `npm run test:e2e`: the tests that start real services and tools on loopback (PostgreSQL,
// rsync, nginx) or run the binary as another user. .ci/run installs the tools and runs them.
export default defineConfig({
  test: {
    include: END_TO_END,
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
