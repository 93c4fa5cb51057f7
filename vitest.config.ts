import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each worker gets its own databases; two workers keep memory (PGlite is 0.5–0.9 GB) in bounds.
    maxWorkers: 2,
    // Holds every test to Slack's Block Kit contract (test/support/blockKitContract.ts).
    setupFiles: ["./test/support/contractSetup.ts"],
    reporters: ["default", "./test/support/summaryReporter.ts"],
  },
});
