import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian's Chromium against the built site (dist/),
// served by test/e2e/global-setup.ts on a loopback port.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
