import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport } from './create-transport.js';
import { MODEL, TEST_CREDENTIALS, userInput } from './test-support/harness.js';

/*
 * Clock-skew correction, as the SDK's signer does it: an error answer whose `Date` is far from
 * the local clock moves the client's clock offset, and the next call is signed with the server's
 * time. The transport's kept pipeline, kept signer and one-attempt middleware must keep that.
 * A real socket: a server whose clock runs an hour ahead, refusing the first request.
 */

const AHEAD_MS = 60 * 60 * 1000;

const ANSWER = JSON.stringify({
  output: { message: { role: 'assistant', content: [{ text: 'hi' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  metrics: { latencyMs: 1 },
});

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server an hour ahead: the first request gets a signature error, later ones an answer. */
async function skewedServer(): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(req.headers);
      const date = new Date(Date.now() + AHEAD_MS).toUTCString();
      if (seen.length === 1) {
        res.writeHead(403, {
          date,
          'content-type': 'application/json',
          'x-amzn-errortype': 'InvalidSignatureException',
          'x-amzn-requestid': 'skew-1',
        });
        res.end(JSON.stringify({ message: 'Signature expired: the request time is too skewed' }));
        return;
      }
      res.writeHead(200, { date, 'content-type': 'application/json', 'x-amzn-requestid': 'ok-2' });
      res.end(ANSWER);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen };
}

/** How far ahead of the local clock a request's `x-amz-date` was signed, in ms. */
function signedAhead(headers: IncomingHttpHeaders | undefined, sentAt: number): number {
  const stamp = String(headers?.['x-amz-date']);
  const iso = stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');
  return Date.parse(iso) - sentAt;
}

describe('clock skew', () => {
  it('a plain SDK client signs its next call with the server clock (the reference)', async () => {
    const { url, seen } = await skewedServer();
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
      // Bedrock's runtime client speaks HTTP/2 by default; this server is HTTP/1.1.
      requestHandler: new NodeHttpHandler(),
    });
    await expect(client.send(new ConverseCommand(userInput('one')))).rejects.toThrow(/skewed/);
    const sentAt = Date.now();
    await client.send(new ConverseCommand(userInput('two')));
    client.destroy();
    expect(seen).toHaveLength(2);
    expect(Math.abs(signedAhead(seen[1], sentAt) - AHEAD_MS)).toBeLessThan(60_000);
  });

  it('the transport does the same: its next call is signed with the server clock', async () => {
    const { url, seen } = await skewedServer();
    const transport = createTransport({
      endpoint: url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      env: {},
      retry: { maxAttempts: 1 },
    });
    try {
      await expect(transport.converse(userInput('one'))).rejects.toThrow(/skewed/);
      const sentAt = Date.now();
      const answer = await transport.converse(userInput('two', MODEL));
      expect(answer.output?.message?.content?.[0]?.text).toBe('hi');
      expect(answer.$metadata.requestId).toBe('ok-2');
      expect(seen).toHaveLength(2);
      expect(Math.abs(signedAhead(seen[1], sentAt) - AHEAD_MS)).toBeLessThan(60_000);
    } finally {
      await transport.close();
    }
  });
});
