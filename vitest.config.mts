import { defineConfig } from "vitest/config";
// Real PostgreSQL, rsync and nginx cutovers, the PostgreSQL journal, the binary run as `nobody`.
import END_TO_END from "./tests/end-to-end.json" with { type: "json" };

// `npm test`: unit, property, golden and in-process CLI tests. The end-to-end tests with
// real services are `npm run test:e2e` (vitest.e2e.config.mts); .ci/run runs both.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...END_TO_END],
    globalSetup: ["tests/global-setup.ts"],
    // Property tests and the CLI's 50 MB case take seconds on a slow CI machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
