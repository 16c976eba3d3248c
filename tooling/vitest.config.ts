import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tooling',
    include: ['src/**/*.test.ts'],
    // Packs every published package once per run and shares the tarballs (see global-setup.ts).
    globalSetup: ['src/global-setup.ts'],
    // Bounds `it.concurrent` tests (npm installs): enough to overlap network waits, few enough
    // for a shared 2-core machine.
    maxConcurrency: 3,
    // Packing and installing tarballs with npm takes tens of seconds per package.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
