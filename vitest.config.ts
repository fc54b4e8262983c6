import { defineConfig } from 'vitest/config';

/** Unit and integration tests run in Node; the Playwright e2e suite has its own runner. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'renderer/**/*.test.ts', 'shared/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**', 'dist/**'],
    environment: 'node',
    // Store and HTTP tests open real SQLite files and sockets; 2 cores here, keep it modest.
    pool: 'forks',
    // Vitest's default here is cores - 1 = one worker; most files wait on sockets, child processes
    // and fsync rather than the CPU, so two overlap well and the suite takes about a third less time.
    maxWorkers: 2,
    // Generous: CLI tests spawn processes, and CI shares 2 cores with the browser build.
    testTimeout: 60_000,
  },
});
