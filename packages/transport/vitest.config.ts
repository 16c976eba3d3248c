import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'transport',
    include: ['src/**/*.test.ts'],
    // A certificate the workers trust, for the tests over the emulator's TLS mode.
    globalSetup: ['src/test-support/tls-setup.ts'],
  },
});
