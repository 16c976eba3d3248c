import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCertificate } from '@bedrock-bridge/emulator';

/**
 * Vitest global setup: a self-signed certificate for the emulator's TLS mode, trusted by the
 * test workers through NODE_EXTRA_CA_CERTS (read when a worker process starts, and the workers
 * start after this). The transport's own handlers take no CA option, so this is how its TLS
 * tests trust the emulator with verification left on. Paths reach the tests in
 * BEDROCK_BRIDGE_TEST_TLS_CERT / _KEY.
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'bb-tls-'));
  const { cert, key } = await generateCertificate();
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  writeFileSync(certPath, cert);
  writeFileSync(keyPath, key);
  process.env.NODE_EXTRA_CA_CERTS = certPath;
  process.env.BEDROCK_BRIDGE_TEST_TLS_CERT = certPath;
  process.env.BEDROCK_BRIDGE_TEST_TLS_KEY = keyPath;
  return () => rmSync(dir, { recursive: true, force: true });
}
