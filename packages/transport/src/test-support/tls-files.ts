import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the TLS tests' certificate lives during one vitest run. */
export interface TlsTestFiles {
  /** The folder holding the files below; the global setup's teardown removes it. */
  dir: string;
  /** The emulator's self-signed certificate (PEM), which is also its own CA. */
  cert: string;
  /** Its private key (PEM). */
  key: string;
  /**
   * What the test workers get as `NODE_EXTRA_CA_CERTS`: the CAs the machine already added
   * through that variable, followed by the certificate.
   */
  trust: string;
}

/**
 * The files of the TLS tests for the vitest process `pid` (default: this one). The project's
 * config names them to its workers (`test.env`) and its global setup writes them; both run in
 * the same vitest process, so they agree on the folder without either of them changing that
 * process's environment, which every project's workers (and their npm children) inherit.
 */
export function tlsTestFiles(pid: number = process.pid): TlsTestFiles {
  const dir = join(tmpdir(), `bb-tls-${pid}`);
  return {
    dir,
    cert: join(dir, 'cert.pem'),
    key: join(dir, 'key.pem'),
    trust: join(dir, 'trust.pem'),
  };
}
