import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteImageFetcher, isPublicAddress } from './fetch-remote-image.js';

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
    ['::ffff:10.0.0.1', false],
    ['not-an-ip', false],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('createRemoteImageFetcher', () => {
  it('refuses loopback even when the host is allowlisted', async () => {
    const fetch = createRemoteImageFetcher({ allowHosts: ['127.0.0.1', 'localhost'] });
    const e = await refusal(fetch(`${base}/cat.png`, P));
    expect(e.message).toContain('non-public address (127.0.0.1)');
    const byName = await refusal(fetch(`http://localhost:${new URL(base).port}/cat.png`, P));
    expect(byName.message).toMatch(/non-public address \((127\.0\.0\.1|::1)\)/);
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
