import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' } },
      { test: { name: 'search', include: ['test/search/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000, pool: 'forks' } },
      // Pages first (the site refuses to synthesise without them), then the one shared synth.
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], globalSetup: ['test/infra/build-pages.ts', 'test/infra/global-setup.ts'], testTimeout: 480_000, hookTimeout: 480_000 } },
      // expect.poll waits for what the page does after a request; its default 1 s was too short on a loaded machine
      // (a desk journey failed waiting 1 s for a refusal), so polls wait on the condition up to 20 s.
      // Files run side by side when test/tiers.ts gives them workers: each has its own stack and browser.
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, pool: 'forks', expect: { poll: { timeout: 20_000 } }, globalSetup: ['test/e2e/support/global-setup.ts'] } },
    ],
  },
});
