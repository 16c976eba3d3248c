import { Readable } from 'node:stream';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { encodeEvent } from '@bedrock-bridge/emulator';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { CREDENTIALS, MODEL_ID, REGION } from '../conversation.js';

/** CPU per stream event: the SDK's event-stream decoding against the codec used directly. */
export interface DecodeResult {
  events: number;
  calls: number;
  /** SDK: (a 68-event call minus a 3-event call) / 65, µs of CPU per event. */
  sdkUsPerEvent: number;
  /** `@smithy/eventstream-codec` + `JSON.parse`, µs of CPU per event. */
  codecUsPerEvent: number;
}

type StreamEvent = Parameters<typeof encodeEvent>[0];

function answerEvents(deltas: number): StreamEvent[] {
  const events: StreamEvent[] = [{ messageStart: { role: 'assistant' } }];
  for (let i = 0; i < deltas; i += 1) {
    events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: `word${i} ` } } });
  }
  if (deltas > 0) events.push({ contentBlockStop: { contentBlockIndex: 0 } });
  events.push({ messageStop: { stopReason: 'end_turn' } });
  events.push({
    metadata: {
      usage: { inputTokens: 10, outputTokens: deltas, totalTokens: 10 + deltas },
      metrics: { latencyMs: 1 },
    },
  });
  return events;
}

function body(events: StreamEvent[]): Buffer {
  return Buffer.concat(events.map((e) => encodeEvent(e)));
}

/** A client whose request handler answers every call with `bytes`, in memory (no socket). */
function clientAnswering(bytes: Buffer): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: REGION,
    endpoint: 'http://127.0.0.1:9',
    credentials: { ...CREDENTIALS },
    requestHandler: {
      handle: async () => ({
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/vnd.amazon.eventstream' },
          body: Readable.from([bytes]),
        },
      }),
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    } as never,
  });
}

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

async function sdkCallsUs(bytes: Buffer, calls: number): Promise<number> {
  const client = clientAnswering(bytes);
  const input = {
    modelId: MODEL_ID,
    messages: [{ role: 'user' as const, content: [{ text: 'hello' }] }],
  };
  const once = async (): Promise<void> => {
    const out = await client.send(new ConverseStreamCommand(input));
    for await (const _ of out.stream ?? []) {
      // drained: the SDK decodes every event
    }
  };
  for (let i = 0; i < 50; i += 1) await once();
  const start = cpuUs();
  for (let i = 0; i < calls; i += 1) await once();
  const used = cpuUs() - start;
  client.destroy();
  return used;
}

/** The codec used directly: split frames, decode headers, parse the JSON payload. */
function codecDecode(codec: EventStreamCodec, bytes: Buffer): number {
  let n = 0;
  for (let offset = 0; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const message = codec.decode(bytes.subarray(offset, offset + length));
    const type = message.headers[':event-type']?.value;
    const event = { [String(type)]: JSON.parse(toUtf8(message.body)) as unknown };
    if (event[String(type)] !== undefined) n += 1;
    offset += length;
  }
  return n;
}

/**
 * Measures in this process, no sockets: the SDK's `ConverseStream` over an in-memory answer
 * (a 64-delta answer and a 0-delta one, so signing and serialisation cancel out), against
 * `@smithy/eventstream-codec` decoding the same bytes and `JSON.parse` of each payload.
 */
export async function measureDecoding(calls: number): Promise<DecodeResult> {
  const full = answerEvents(64);
  const empty = answerEvents(0);
  const fullBytes = body(full);
  const sdkFull = await sdkCallsUs(fullBytes, calls);
  const sdkEmpty = await sdkCallsUs(body(empty), calls);
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  for (let i = 0; i < 50; i += 1) codecDecode(codec, fullBytes);
  const start = cpuUs();
  for (let i = 0; i < calls; i += 1) codecDecode(codec, fullBytes);
  const codecUs = cpuUs() - start;
  return {
    events: full.length,
    calls,
    sdkUsPerEvent: (sdkFull - sdkEmpty) / calls / (full.length - empty.length),
    codecUsPerEvent: codecUs / calls / full.length,
  };
}
