import { BedrockClient } from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  type ConverseStreamOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';

/** The two request handlers the SDK can use. */
export type HandlerKind = 'http2' | 'http1';
export const HANDLERS: HandlerKind[] = ['http2', 'http1'];

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
export const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
export const SONNET4_US = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

export interface ClientOptions {
  region?: string;
  /** Client-side inactivity timeout; default none (the SDK default). */
  timeoutMs?: number;
  maxAttempts?: number;
}

function handler(kind: HandlerKind, timeoutMs: number | undefined) {
  if (kind === 'http1') {
    return new NodeHttpHandler(
      timeoutMs === undefined
        ? {}
        : { requestTimeout: timeoutMs, socketTimeout: timeoutMs, throwOnRequestTimeout: true },
    );
  }
  return new NodeHttp2Handler(timeoutMs === undefined ? {} : { requestTimeout: timeoutMs });
}

/** A real runtime client; `http2` uses the SDK default handler unless a timeout is asked for. */
export function runtimeClient(url: string, kind: HandlerKind, options: ClientOptions = {}) {
  const useDefault = kind === 'http2' && options.timeoutMs === undefined;
  return new BedrockRuntimeClient({
    endpoint: url,
    region: options.region ?? 'us-east-1',
    credentials,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(useDefault ? {} : { requestHandler: handler(kind, options.timeoutMs) }),
  });
}

/** A real control-plane client; `http1` is the SDK default. */
export function controlClient(
  url: string,
  kind: HandlerKind,
  region = 'us-east-1',
  maxAttempts = 3,
) {
  return new BedrockClient({
    endpoint: url,
    region,
    credentials,
    maxAttempts,
    ...(kind === 'http2' ? { requestHandler: new NodeHttp2Handler() } : {}),
  });
}

/** A one-turn conversation. */
export function userSays(text: string): Message[] {
  return [{ role: 'user', content: [{ text }] }];
}

/** The event type of a stream event (its one defined key). */
export function eventType(event: ConverseStreamOutput): string {
  return Object.entries(event).find(([, v]) => v !== undefined)?.[0] ?? 'unknown';
}

/** Drains a stream; returns the events and the error that ended it, if any. */
export async function drain(
  stream: AsyncIterable<ConverseStreamOutput> | undefined,
): Promise<{ events: ConverseStreamOutput[]; types: string[]; error?: unknown }> {
  const events: ConverseStreamOutput[] = [];
  try {
    for await (const event of stream ?? []) events.push(event);
    return { events, types: events.map(eventType) };
  } catch (error) {
    return { events, types: events.map(eventType), error };
  }
}

/** The text of a drained stream. */
export function streamedText(events: ConverseStreamOutput[]): string {
  return events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join('');
}
