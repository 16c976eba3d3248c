import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tlsTestFiles } from './tls-files.js';
import setup, { trustBundle } from './tls-setup.js';

const scratch = mkdtempSync(join(tmpdir(), 'bb-tls-setup-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MACHINE_CA = '-----BEGIN CERTIFICATE-----\nMACHINE\n-----END CERTIFICATE-----';
const TEST_CERT = '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n';

describe('the TLS global setup', () => {
  it('writes the certificate, key and trust bundle without changing the environment of the process it runs in', async () => {
    // In a root run this process is the one that starts every project's workers.
    const before = { ...process.env };
    const teardown = await setup();
    const files = tlsTestFiles();
    try {
      expect({ ...process.env }).toEqual(before);
      const cert = readFileSync(files.cert, 'utf8');
      expect(cert).toContain('BEGIN CERTIFICATE');
      expect(readFileSync(files.key, 'utf8')).toContain('PRIVATE KEY');
      const trust = readFileSync(files.trust, 'utf8');
      expect(trust.endsWith(cert)).toBe(true);
    } finally {
      teardown();
    }
    expect(existsSync(files.dir)).toBe(false);
  });

  it("gives this project's workers a bundle that holds the test certificate", () => {
    const bundle = process.env.NODE_EXTRA_CA_CERTS;
    const cert = process.env.BEDROCK_BRIDGE_TEST_TLS_CERT;
    expect(bundle).toBeDefined();
    expect(cert).toBeDefined();
    expect(readFileSync(bundle!, 'utf8')).toContain(readFileSync(cert!, 'utf8'));
  });
});

describe('trustBundle', () => {
  it('keeps the CAs the inherited NODE_EXTRA_CA_CERTS names, then adds the certificate', () => {
    const inherited = join(scratch, 'machine.pem');
    writeFileSync(inherited, MACHINE_CA);
    expect(trustBundle(TEST_CERT, inherited)).toBe(`${MACHINE_CA}\n${TEST_CERT}`);
    writeFileSync(inherited, `${MACHINE_CA}\n`);
    expect(trustBundle(TEST_CERT, inherited)).toBe(`${MACHINE_CA}\n${TEST_CERT}`);
  });

  it('is the certificate alone when nothing is inherited or the inherited file cannot be read', () => {
    expect(trustBundle(TEST_CERT, undefined)).toBe(TEST_CERT);
    expect(trustBundle(TEST_CERT, '')).toBe(TEST_CERT);
    expect(trustBundle(TEST_CERT, join(scratch, 'missing.pem'))).toBe(TEST_CERT);
  });
});
