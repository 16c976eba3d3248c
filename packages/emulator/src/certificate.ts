import { generate } from 'selfsigned';

/** A PEM certificate and its private key. */
export interface Certificate {
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for the emulator's TLS mode, valid for `localhost`, `127.0.0.1` and
 * `::1` for a day (EC P-256: fast to make). Made with `selfsigned` (X.509 on WebCrypto), since
 * Node cannot issue certificates and the openssl CLI is not on every machine. Trust it with the
 * client's `ca` option (or `NODE_EXTRA_CA_CERTS`); it is also its own CA.
 */
export async function generateCertificate(): Promise<Certificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 24 * 3_600_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
