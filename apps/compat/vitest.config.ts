import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'compat',
    include: ['src/**/*.test.ts'],
    // Each file starts the real gateway bin with its emulator: real processes, real sockets.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
