import { defineConfig } from 'vitest/config';

/**
 * One run over every workspace project. Each project keeps its own
 * `vitest.config.ts`, so `pnpm --filter <pkg> test` still tests it alone.
 */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling'],
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
