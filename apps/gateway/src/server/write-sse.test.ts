import { once } from 'node:events';
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { SSE_DONE, sseEvent } from '@bedrock-bridge/openai';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSse } from './write-sse.js';

/*
 * writeSse over a real socket: what the client reads, and when. The stream it writes is framed
 * here as the OpenAI handler frames it (`sse` below). Chunks that arrive together
 * may leave together, but the first token and a burst's last chunk must never wait for more.
 */

interface Piece {
  token: boolean;
  text: string;
}

const piece = (text: string, token = true): Piece => ({ token, text });

/** An iterator the test feeds: `push` a value, `end()`, or `fail(err)`; `next()` waits. */
function feed<T>() {
  const queue: IteratorResult<T>[] = [];
  let failure: unknown;
  let wake: (() => void) | undefined;
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  const iterator: AsyncIterator<T> = {
    async next() {
      while (queue.length === 0 && failure === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const item = queue.shift();
      if (item) return item;
      throw failure;
    },
  };
  return {
    iterator,
    push(...values: T[]) {
      for (const value of values) queue.push({ done: false, value });
      poke();
    },
    end() {
      queue.push({ done: true, value: undefined });
      poke();
    },
    fail(err: unknown) {
      failure = err;
      poke();
    },
  };
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Serves one SSE response driven by `run`; returns a reader of what the client received. */
async function serve(run: (res: ServerResponse) => Promise<unknown>) {
  let outcome: Promise<unknown> | undefined;
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    outcome = run(res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let received = '';
  const arrivals: (() => void)[] = [];
  const req = httpRequest({ host: '127.0.0.1', port, method: 'GET' });
  req.end();
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  res.setEncoding('utf8');
  res.on('data', (data: string) => {
    received += data;
    for (const arrived of arrivals.splice(0)) arrived();
  });
  const ended = once(res, 'end');
  return {
    /** Resolves once what the client received includes `text`. */
    async until(text: string): Promise<string> {
      while (!received.includes(text)) {
        await new Promise<void>((resolve) => arrivals.push(resolve));
      }
      return received;
    },
    async end(): Promise<{ body: string; outcome: unknown }> {
      await ended;
      return { body: received, outcome: await outcome };
    },
  };
}

const toErrorBody = (err: unknown) => ({
  error: { message: String((err as Error).message), type: 'server_error', param: null, code: null },
});

/**
 * writeSse over a stream framed as the handler frames it (pulled one event at a time, `[DONE]`
 * at the end, one error event on a failure), `first` already read, tokens being the pieces marked
 * so. Resolves with what the stream delivered.
 */
async function sse(res: ServerResponse, first: Piece, rest: AsyncIterator<Piece>) {
  const encoder = new TextEncoder();
  let pending: IteratorResult<Piece> | undefined = { done: false, value: first };
  let chunks = 0;
  let ok = true;
  let tokenSeen = false;
  let tokenNow = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(stream) {
        try {
          const next = pending ?? (await rest.next());
          pending = undefined;
          if (next.done) {
            stream.enqueue(encoder.encode(SSE_DONE));
            stream.close();
            return;
          }
          chunks += 1;
          if (!tokenSeen && next.value.token) tokenSeen = tokenNow = true;
          stream.enqueue(encoder.encode(sseEvent(next.value)));
        } catch (error) {
          ok = false;
          stream.enqueue(encoder.encode(sseEvent(toErrorBody(error))));
          stream.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
  await writeSse(res, body, {
    firstToken: () => {
      const now = tokenNow;
      tokenNow = false;
      return now;
    },
  });
  return { ok, chunks, clientGone: res.destroyed };
}

describe('writeSse', () => {
  it('sends the first token at once inside a burst, and holds the rest until the burst ends', async () => {
    // A burst: every chunk is ready, so the loop never yields to I/O between them. Each time
    // the next chunk is asked for, the socket's cork count tells whether writes are held.
    const corked: number[] = [];
    let response: ServerResponse | undefined;
    const rest = ['Hello', 'world', '!'].map((text) => piece(text));
    let i = 0;
    const iterator: AsyncIterator<Piece> = {
      async next() {
        if (response) corked.push(response.writableCorked);
        const value = rest[i++];
        return value ? { done: false, value } : { done: true, value: undefined };
      },
    };
    const client = await serve((res) => {
      response = res;
      return sse(res, piece('role', false), iterator);
    });
    const { body, outcome } = await client.end();
    // Before the token: held; right after it: sent; the rest of the burst: held again.
    expect(corked).toEqual([1, 0, 1, 1]);
    expect(outcome).toMatchObject({ ok: true, chunks: 4 });
    expect(response?.writableCorked).toBe(0);
    expect(body).toBe([piece('role', false), ...rest].map(sseEvent).join('') + SSE_DONE);
  });

  it('delivers a burst as soon as the burst is over, not at the end of the stream', async () => {
    const chunks = feed<Piece>();
    const client = await serve((res) => sse(res, piece('a'), chunks.iterator));
    await client.until(sseEvent(piece('a')));
    chunks.push(piece('b'), piece('c'), piece('d'));
    // The stream stays open: the burst must still reach the client.
    const seen = await client.until(sseEvent(piece('d')));
    expect(seen).toBe([piece('a'), piece('b'), piece('c'), piece('d')].map(sseEvent).join(''));
    chunks.end();
    const { body } = await client.end();
    expect(body.endsWith(SSE_DONE)).toBe(true);
  });

  it('keeps every chunk of a long burst, in order, then [DONE]', async () => {
    const chunks = feed<Piece>();
    const all = Array.from({ length: 500 }, (_, i) => piece(`t${i} ${'x'.repeat(100)}`));
    chunks.push(...all.slice(1));
    chunks.end();
    const client = await serve((res) => sse(res, all[0] as Piece, chunks.iterator));
    const { body, outcome } = await client.end();
    expect(body).toBe(all.map(sseEvent).join('') + SSE_DONE);
    expect(outcome).toMatchObject({ ok: true, chunks: 500 });
  });

  it('ends a failed burst with the chunks before the failure and one error event, no [DONE]', async () => {
    const chunks = feed<Piece>();
    const client = await serve((res) => sse(res, piece('a'), chunks.iterator));
    chunks.push(piece('b'), piece('c'));
    chunks.fail(new Error('upstream cut'));
    const { body, outcome } = await client.end();
    expect(body).toBe(
      [piece('a'), piece('b'), piece('c')].map(sseEvent).join('') +
        sseEvent(toErrorBody(new Error('upstream cut'))),
    );
    expect(body).not.toContain('[DONE]');
    expect(outcome).toMatchObject({ ok: false, chunks: 3, clientGone: false });
  });

  it("writes a text source (the handler's events as strings) byte for byte, then ends", async () => {
    const texts = [
      'data: {"a":"h\u00e9llo"}\n\n',
      'data: {"b":"\ud83c\udf0d \u4e16\u754c"}\n\n',
      SSE_DONE,
    ];
    let i = 0;
    let cancelled = false;
    const client = await serve((res) =>
      writeSse(res, {
        read: async () => texts[i++],
        cancel: async () => {
          cancelled = true;
        },
      }),
    );
    const { body } = await client.end();
    expect(Buffer.from(body, 'utf8')).toEqual(Buffer.from(texts.join(''), 'utf8'));
    expect(cancelled).toBe(false);
  });
});

/**
 * The bytes on the wire, read from a raw socket and de-chunked by hand: a well-formed chunked body
 * (sizes that match, a last empty chunk) carrying exactly the events in order, from the handler's
 * text source as from a web stream of the same events. How Node frames a corked burst is its own
 * business (Node 20 sends one HTTP chunk per write, Node 22 and later merge a corked burst into
 * one), so the chunk boundaries are not compared; the payload is, byte for byte.
 */
describe('writeSse framing on the wire', () => {
  /** Events in bursts (one burst per turn of the event loop); `token` is the first token's index. */
  interface Script {
    bursts: string[][];
    token: number;
  }

  /** Serves one response written by `writeSse` from `source(script)`; resolves with the raw bytes. */
  async function rawBytes(kind: 'web' | 'text', script: Script): Promise<Buffer> {
    const events = script.bursts.flatMap((burst, b) =>
      burst.map((text, i) => ({
        text,
        last: i === burst.length - 1 && b < script.bursts.length - 1,
      })),
    );
    let i = 0;
    let tokenNow = false;
    /** The next event: at once inside a burst, after a timer between bursts. */
    const next = async (): Promise<string | undefined> => {
      const event = events[i];
      if (event === undefined) return undefined;
      if (i > 0 && events[i - 1]?.last === true) await new Promise((r) => setTimeout(r, 5));
      if (i === script.token) tokenNow = true;
      i += 1;
      return event.text;
    };
    const encoder = new TextEncoder();
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const firstToken = () => {
        const now = tokenNow;
        tokenNow = false;
        return now;
      };
      const body =
        kind === 'web'
          ? new ReadableStream<Uint8Array>(
              {
                async pull(stream) {
                  const text = await next();
                  if (text === undefined) stream.close();
                  else stream.enqueue(encoder.encode(text));
                },
              },
              { highWaterMark: 0 },
            )
          : { read: next, cancel: async () => {} };
      void writeSse(res, body, { firstToken });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    const parts: Buffer[] = [];
    socket.on('data', (data: Buffer) => parts.push(data));
    await once(socket, 'end');
    const raw = Buffer.concat(parts);
    server.close();
    server = undefined;
    // The head carries a date: the framing after it is what is compared.
    return raw.subarray(raw.indexOf('\r\n\r\n') + 4);
  }

  /**
   * The payload of a chunked body: each chunk's size line (hex), its bytes and CRLF, up to the
   * last, empty chunk, which must end the body. Throws on a malformed body.
   */
  const dechunk = (raw: Buffer): Buffer => {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const eol = raw.indexOf('\r\n', at);
      if (eol < 0) throw new Error(`no chunk size line at byte ${at}`);
      const size = Number.parseInt(raw.subarray(at, eol).toString('latin1'), 16);
      if (!Number.isInteger(size)) throw new Error(`bad chunk size at byte ${at}`);
      const start = eol + 2;
      if (size === 0) {
        expect(raw.subarray(start).toString('latin1')).toBe('\r\n');
        return Buffer.concat(parts);
      }
      parts.push(raw.subarray(start, start + size));
      expect(raw.subarray(start + size, start + size + 2).toString('latin1')).toBe('\r\n');
      at = start + size + 2;
    }
  };

  const event = (text: string) =>
    `data: {"choices":[{"delta":{"content":${JSON.stringify(text)}}}]}\n\n`;

  const scripts: Record<string, Script> = {
    'a role, the first token and the rest of one burst': {
      bursts: [[event(''), event('Hi'), event(' there'), event('!'), SSE_DONE]],
      token: 1,
    },
    'bursts past the high-water mark, multi-byte text, a second burst': {
      bursts: [
        [
          event(''),
          ...Array.from({ length: 120 }, (_, n) =>
            event(`${n} h\u00e9llo \u4e16\u754c ${'x'.repeat(n % 50)}`),
          ),
        ],
        Array.from({ length: 300 }, (_, n) => event(`\ud83c\udf0d ${n} ${'y'.repeat(90)}`)),
        [event('done'), SSE_DONE],
      ],
      token: 1,
    },
    'a token late in the first burst, one event per later burst': {
      bursts: [
        [event(''), event('a'), event('b'), event('c')],
        [event('d')],
        [event('e')],
        [SSE_DONE],
      ],
      token: 3,
    },
  };

  for (const [name, script] of Object.entries(scripts)) {
    it(name, async () => {
      const expected = Buffer.from(script.bursts.flat().join(''), 'utf8');
      const web = dechunk(await rawBytes('web', script));
      const text = dechunk(await rawBytes('text', script));
      expect(text).toEqual(expected);
      expect(web).toEqual(expected);
    });
  }
});
