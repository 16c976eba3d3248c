import http from 'node:http';
import { CREDENTIALS, MODEL_ID, REGION } from '../conversation.js';
import { converseBody, toConverseShape } from '../converse-shape.js';
import { postBytes } from './post-bytes.js';
import type { BenchClient, CreateContext, SystemDef } from './system.js';

const DELTA_MARKER = Buffer.from('contentBlockDelta');

/**
 * Headers of a signed SDK request, built once. The emulator does not verify signatures,
 * so a fixed, well-formed SigV4 header is enough for the floor: it costs nothing per call.
 */
export function prebuiltHeaders(url: URL, body: Buffer, stream: boolean): http.OutgoingHttpHeaders {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return {
    host: url.host,
    'content-type': 'application/json',
    'content-length': body.length,
    accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
    'x-amz-date': `${day}T000000Z`,
    authorization:
      `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/${day}/${REGION}/bedrock/aws4_request, ` +
      `SignedHeaders=content-type;host;x-amz-date, Signature=${'0'.repeat(64)}`,
  };
}

/**
 * Counts complete event-stream frames in a growing buffer and reports whether one of the
 * new frames is a content delta. Frames are `total length (4 bytes) | ... | CRC`; the floor
 * only walks the lengths, it neither checks CRCs nor decodes JSON.
 */
class FrameWalker {
  private pending: Buffer = Buffer.alloc(0);
  frames = 0;

  push(chunk: Buffer): boolean {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let sawDelta = false;
    let offset = 0;
    while (this.pending.length - offset >= 4) {
      const total = this.pending.readUInt32BE(offset);
      if (this.pending.length - offset < total) break;
      const frame = this.pending.subarray(offset, offset + total);
      if (frame.indexOf(DELTA_MARKER) >= 0) sawDelta = true;
      this.frames += 1;
      offset += total;
    }
    this.pending = this.pending.subarray(offset);
    return sawDelta;
  }
}

/** The bare HTTP/1.1 keep-alive client that sends pre-built bytes: the floor of every figure. */
export const floorSystem: SystemDef = {
  id: 'floor',
  label: 'Floor: bare node:http, pre-built bytes',
  short: 'Floor (bare HTTP)',
  role: 'floor',
  faults: false,
  memory: 'skip',
  converse: true,
  async create(ctx: CreateContext): Promise<BenchClient> {
    const url = new URL(ctx.url);
    const body = Buffer.from(converseBody(toConverseShape(ctx.conversation)));
    const base = `/model/${encodeURIComponent(MODEL_ID)}`;
    const converseHeaders = prebuiltHeaders(url, body, false);
    const streamHeaders = prebuiltHeaders(url, body, true);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    return {
      async converse() {
        const chunks: Buffer[] = [];
        await postBytes(agent, url, `${base}/converse`, converseHeaders, body, (c) =>
          chunks.push(c),
        );
        // Decoding the answer is the one piece of work every client must do; the floor
        // does it too so that its text can be checked like every other system's.
        const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          output?: { message?: { content?: Array<{ text?: string }> } };
        };
        return (answer.output?.message?.content ?? []).map((b) => b.text ?? '').join('');
      },
      async stream(onToken) {
        const walker = new FrameWalker();
        let first = true;
        await postBytes(agent, url, `${base}/converse-stream`, streamHeaders, body, (chunk) => {
          if (walker.push(chunk) && first) {
            first = false;
            onToken('');
          }
        });
        // The floor reads every frame but decodes none: it reports the frame count as its text
        // so the harness can check that the whole stream arrived.
        return `frames:${walker.frames}`;
      },
      async close() {
        agent.destroy();
      },
    };
  },
};
