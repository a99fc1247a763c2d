import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Many tests spawn the CLI, a sandbox, PostgreSQL or Chromium: seconds each on a loaded
    // 2-core machine (validate's YAML test took 17 s at load 5). The timeouts catch hangs; no
    // test asserts a duration (performance lives in npm run bench).
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
