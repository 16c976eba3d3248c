import { defineProject } from 'vitest/config';
import { tlsTestFiles } from './src/test-support/tls-files.js';

const tls = tlsTestFiles();

export default defineProject({
  test: {
    name: 'transport',
    include: ['src/**/*.test.ts'],
    // A certificate this project's workers trust, for the tests over the emulator's TLS mode:
    // the global setup writes it, and `env` reaches only this project's workers (set when each
    // starts, as NODE_EXTRA_CA_CERTS must be), never the other projects of a root run.
    globalSetup: ['src/test-support/tls-setup.ts'],
    env: {
      NODE_EXTRA_CA_CERTS: tls.trust,
      BEDROCK_BRIDGE_TEST_TLS_CERT: tls.cert,
      BEDROCK_BRIDGE_TEST_TLS_KEY: tls.key,
    },
  },
});
