import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'engine/**/*.test.ts',
      'cli/**/*.test.ts',
      'server/**/*.test.ts',
      'tests/**/*.test.ts',
      'records/**/*.test.ts',
    ],
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
