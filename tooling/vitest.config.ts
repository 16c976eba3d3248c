import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tooling',
    include: ['src/**/*.test.ts'],
    // Packs every published package once per run and shares the tarballs (see global-setup.ts).
    globalSetup: ['src/global-setup.ts'],
    // Packing and installing tarballs with npm takes tens of seconds per package.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
