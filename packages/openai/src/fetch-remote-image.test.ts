import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRemoteImageFetcher, isPublicAddress } from './fetch-remote-image.js';

/* DNS answers the tests choose for some hosts (the fetcher resolves through node:dns/promises). */
const dns = vi.hoisted(() => ({
  answers: new Map<string, { address: string; family: number }[]>(),
  /** Hosts whose lookup never answers. */
  silent: new Set<string>(),
  calls: [] as string[],
}));
vi.mock('node:dns/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns/promises')>();
  return {
    ...real,
    // Hosts the test set answer from the map; any other host goes to the real resolver.
    lookup: async (host: string, options: { all: true }) => {
      dns.calls.push(host);
      if (dns.silent.has(host)) return new Promise(() => {});
      return dns.answers.get(host) ?? real.lookup(host, options);
    },
  };
});
afterEach(() => {
  dns.answers.clear();
  dns.silent.clear();
  dns.calls.length = 0;
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/cat.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (req.url === '/big.png')
      return res.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000));
    if (req.url === '/chunked.png') {
      res.writeHead(200);
      res.write(Buffer.alloc(600));
      return res.end(Buffer.alloc(600));
    }
    if (req.url === '/moved')
      return res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    if (req.url === '/slow') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function refusal(promise: Promise<unknown>): Promise<BedrockBridgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!BedrockBridgeError.is(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  expect(error.kind).toBe('validation');
  expect(error.param).toBe('messages[0].content[0].image_url.url');
  return error;
}

const P = 'messages[0].content[0].image_url.url';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false], // the same, as URL parsing writes it
    ['::ffff:169.254.169.254', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['::7f00:1', false], // IPv4-compatible (deprecated)
    ['64:ff9b::7f00:1', false], // NAT64
    ['2002:7f00:1::1', false], // 6to4
    ['2001::1', false], // Teredo
    ['::', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['not-an-ip', false],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('createRemoteImageFetcher', () => {
  it('refuses loopback even when the host is allowlisted', async () => {
    const fetch = createRemoteImageFetcher({ allowHosts: ['127.0.0.1', 'localhost'] });
    const e = await refusal(fetch(`${base}/cat.png`, P));
    expect(e.message).toBe('Image host 127.0.0.1 is a non-public address; refused.');
    const byName = await refusal(fetch(`http://localhost:${new URL(base).port}/cat.png`, P));
    // What a name resolves to is not told (with a wildcard allowlist it maps internal DNS).
    expect(byName.message).toBe('Image host localhost resolves to a non-public address; refused.');
    expect(byName.message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('refuses an IPv4-mapped IPv6 literal that points at loopback', async () => {
    const fetch = createRemoteImageFetcher({ allowHosts: ['::ffff:7f00:1'] });
    const e = await refusal(fetch(`http://[::ffff:127.0.0.1]:${new URL(base).port}/cat.png`, P));
    expect(e.message).toContain('is a non-public address');
  });

  it('checks every address a host resolves to, not only the first', async () => {
    dns.answers.set('images.test', [
      { address: '93.184.216.34', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]);
    const fetch = createRemoteImageFetcher({ allowHosts: ['images.test'] });
    const e = await refusal(fetch('http://images.test/cat.png', P));
    expect(e.message).toContain('images.test resolves to a non-public address');
    expect(e.message).not.toContain('169.254');
  });

  it('connects to the address it checked, resolving the host once (no DNS rebinding)', async () => {
    // images.test exists only in the mocked DNS: reaching the local server proves the socket
    // went to the checked answer, not to a second lookup.
    dns.answers.set('images.test', [{ address: '127.0.0.1', family: 4 }]);
    const fetch = createRemoteImageFetcher({
      allowHosts: ['images.test'],
      allowPrivateAddresses: true,
    });
    const image = await fetch(`http://images.test:${new URL(base).port}/cat.png`, P);
    expect(Buffer.from(image.bytes).equals(PNG)).toBe(true);
    expect(dns.calls).toEqual(['images.test']);
  });

  it('gives up on a DNS lookup that does not answer within the time limit', async () => {
    dns.silent.add('quiet.test');
    const fetch = createRemoteImageFetcher({ allowHosts: ['quiet.test'], timeoutMs: 100 });
    const e = await refusal(fetch('https://quiet.test/x.png', P));
    expect(e.message).toBe('Resolving image host quiet.test took longer than 100 ms.');
  });

  it("stops waiting for DNS when the caller aborts, with the caller's reason", async () => {
    dns.silent.add('quiet.test');
    const fetch = createRemoteImageFetcher({ allowHosts: ['quiet.test'], timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = fetch('https://quiet.test/x.png', P, controller.signal);
    const reason = new Error('client gone');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('refuses a host that does not resolve, naming it', async () => {
    const fetch = createRemoteImageFetcher({ allowHosts: ['nowhere.test'] });
    const e = await refusal(fetch('https://nowhere.test/x.png', P));
    expect(e.message).toBe('Could not resolve image host nowhere.test.');
  });

  it('refuses hosts outside the allowlist and non-http schemes', async () => {
    const fetch = createRemoteImageFetcher({ allowHosts: ['*.example.com'] });
    expect((await refusal(fetch('https://evil.test/x.png', P))).message).toContain('not allowed');
    expect((await refusal(fetch('https://example.com/x.png', P))).message).toContain('not allowed');
    expect((await refusal(fetch('file:///etc/passwd', P))).message).toContain('must use https');
    expect((await refusal(fetch('::nonsense', P))).message).toContain('not a valid URL');
  });

  describe('with private addresses allowed (test-only switch)', () => {
    const fetch = createRemoteImageFetcher({
      allowHosts: ['127.0.0.1'],
      allowPrivateAddresses: true,
      maxBytes: 1000,
      timeoutMs: 300,
    });

    it('fetches the bytes', async () => {
      const image = await fetch(`${base}/cat.png`, P);
      expect(Buffer.from(image.bytes).equals(PNG)).toBe(true);
      expect(image.contentType).toBe('image/png');
    });

    it('enforces the size limit from the header and while reading', async () => {
      expect((await refusal(fetch(`${base}/big.png`, P))).message).toContain('limit is 1000');
      expect((await refusal(fetch(`${base}/chunked.png`, P))).message).toContain(
        'larger than the limit',
      );
    });

    it('does not follow redirects', async () => {
      expect((await refusal(fetch(`${base}/moved`, P))).message).toContain(
        'redirects are not followed',
      );
    });

    it('enforces the time limit', async () => {
      expect((await refusal(fetch(`${base}/slow`, P))).message).toContain('longer than 300 ms');
    });
  });
});
