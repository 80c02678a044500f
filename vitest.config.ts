import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/harness/global-setup.ts'],
    reporters: ['default', './test/ci-reporter.ts'],
    // Two cores, and each PGlite instance costs hundreds of MB (STACK.md §7).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // What a browser test waits for (a page to render, a toast) under a loaded CI on two cores: vitest's default
    // 1 s failed a journey after 3.7 s of a full run that passes alone. A real failure only reports later.
    expect: { poll: { timeout: 10_000 } },
  },
});
