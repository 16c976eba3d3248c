import { defineConfig } from 'vitest/config';

/**
 * One run over every workspace project. Each project keeps its own
 * `vitest.config.ts`, so `pnpm --filter <pkg> test` still tests it alone.
 *
 * On a terminal the output is vitest's default; elsewhere (CI, a pipe, a file) it is the
 * compact dot reporter: a short summary plus each failure in full. Detailed tables that some
 * tests produce (the transport's fault matrix, the release timings) go to `reports/`, and a
 * failing assertion names the file. `VITEST_JSON` names the JSON report (default
 * `reports/vitest.json`; `.ci/run` gives one per Node version).
 */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling'],
    reporters: [process.stdout.isTTY ? 'default' : 'dot', 'json'],
    outputFile: { json: process.env.VITEST_JSON ?? 'reports/vitest.json' },
  },
});
