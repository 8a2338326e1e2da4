import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' } },
      { test: { name: 'search', include: ['test/search/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000, pool: 'forks' } },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], globalSetup: ['test/infra/global-setup.ts'], testTimeout: 240_000, hookTimeout: 240_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, pool: 'forks', fileParallelism: false, globalSetup: ['test/e2e/support/global-setup.ts'] } },
    ],
  },
});
