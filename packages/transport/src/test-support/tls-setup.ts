import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateCertificate } from '@bedrock-bridge/emulator';
import { tlsTestFiles } from './tls-files.js';

/**
 * Vitest global setup: a self-signed certificate for the emulator's TLS mode, written where
 * `tlsTestFiles()` says. The project's config hands the paths to its own workers only, through
 * `test.env`: `NODE_EXTRA_CA_CERTS` (read when a worker process starts) names a bundle of the
 * machine's extra CAs plus this certificate, and the tests find the certificate and key in
 * BEDROCK_BRIDGE_TEST_TLS_CERT / _KEY. The transport's own handlers take no CA option, so this
 * is how its TLS tests trust the emulator with verification left on.
 *
 * This setup runs in the vitest process that starts every project's workers, so it leaves that
 * process's environment alone: when it set `NODE_EXTRA_CA_CERTS` there, every project of a root
 * run inherited a variable naming this certificate alone, and the tooling project's npm (on
 * Node 22 and 24, whose npm has no `cafile` from the system's npmrc) could no longer verify a
 * registry reached through a TLS proxy whose CA the machine adds through that variable.
 */
export default async function setup(): Promise<() => void> {
  const files = tlsTestFiles();
  mkdirSync(files.dir, { recursive: true });
  const { cert, key } = await generateCertificate();
  writeFileSync(files.cert, cert);
  writeFileSync(files.key, key, { mode: 0o600 });
  writeFileSync(files.trust, trustBundle(cert, process.env.NODE_EXTRA_CA_CERTS));
  return () => rmSync(files.dir, { recursive: true, force: true });
}

/**
 * The PEM text for `NODE_EXTRA_CA_CERTS`: the file the variable already named (when there is
 * one and it can be read; Node ignores an unreadable one too) followed by `cert`, so that adding
 * the test certificate removes no CA the machine relies on.
 */
export function trustBundle(cert: string, inheritedPath: string | undefined): string {
  let inherited = '';
  if (inheritedPath) {
    try {
      inherited = readFileSync(inheritedPath, 'utf8');
    } catch {
      inherited = '';
    }
  }
  const separator = inherited === '' || inherited.endsWith('\n') ? '' : '\n';
  return `${inherited}${separator}${cert}`;
}
