import { defineConfig } from "vitest/config";

// The contract test against a real Keystone and Neutron (tests/contract/): its own run,
// `npm run test:contract`, because the services take minutes to install and start.
export default defineConfig({
  test: {
    include: ["tests/contract/**/*.contract.ts"],
    globalSetup: ["tests/contract/global-setup.ts"],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
