import {
  type BedrockRuntimeClient,
  InvokeModelCommand,
  type InvokeModelCommandInput,
  type InvokeModelCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { HttpHandlerOptions } from '@smithy/types';
import type { BuiltClient } from './build-client.js';
import { TRANSPORT_DEFAULTS } from './normalize-options.js';

/** Bedrock's response header with the input tokens an InvokeModel call was billed for. */
export const INPUT_TOKEN_COUNT_HEADER = 'x-amzn-bedrock-input-token-count';

/**
 * What `invokeModel` resolves with: the SDK's answer (its `body` is the model's own JSON, as
 * bytes) plus the billed input tokens, which Bedrock sends only as the response header
 * `x-amzn-bedrock-input-token-count` (the SDK drops it). Absent when the header is.
 */
export type InvokeModelResult = InvokeModelCommandOutput & { inputTokenCount?: number };

/**
 * The default first-byte deadline of an InvokeModel call: `TRANSPORT_DEFAULTS.firstByteMs`
 * plus one second per 8,000 bytes of body (the answer comes whole, after the model has read it).
 */
export function invokeFirstByteMs(input: InvokeModelCommandInput): number {
  const body = input.body;
  const bytes =
    typeof body === 'string' ? body.length : body instanceof Uint8Array ? body.byteLength : 0;
  return TRANSPORT_DEFAULTS.firstByteMs + Math.ceil((bytes * 1000) / 8_000);
}

/** Sends one InvokeModel command on a leased client, reading the token-count header on the way. */
export async function sendInvokeModel(
  built: BuiltClient,
  input: InvokeModelCommandInput,
  sendOptions: HttpHandlerOptions,
): Promise<InvokeModelResult> {
  const command = new InvokeModelCommand(input);
  let tokens: number | undefined;
  command.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const headers = (out.response as { headers?: Record<string, string | undefined> }).headers;
      const raw = headers?.[INPUT_TOKEN_COUNT_HEADER];
      const parsed = raw === undefined ? Number.NaN : Number(raw);
      if (Number.isInteger(parsed) && parsed >= 0) tokens = parsed;
      return out;
    },
    { step: 'deserialize', name: 'bedrockBridgeInputTokenCount' },
  );
  const output = await (built.client as BedrockRuntimeClient).send(command, sendOptions);
  return tokens === undefined ? output : Object.assign(output, { inputTokenCount: tokens });
}
