import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { buildConversation, MODEL_ID, toOpenAIRequest } from '../conversation.js';
import { converseBody, toConverseShape } from '../converse-shape.js';

/** The three capacity profiles. */
export type ProfileId = 'large' | 'chat' | 'slow';

/** One request a load generator sends: to the gateway (OpenAI) and to the floor (Converse). */
export interface RequestShape {
  /** The OpenAI chat.completions body for the gateway. */
  gatewayBody: Buffer;
  /** The Converse body the gateway would send upstream: what the floor proxy forwards. */
  floorBody: Buffer;
  /** Whether the answer is streamed (SSE from the gateway, event stream from the floor). */
  stream: boolean;
}

/** Prompt sizes of the large-prompt profile, in the emulator's tokens (characters / 4). */
export const LARGE_PROMPT_TOKENS = [50_000, 75_000, 100_000] as const;
/** `max_tokens` of the large-prompt profile. */
export const LARGE_MAX_TOKENS = 16;
/** Tokens per second of one slow stream (the emulator paces its events 1000 / this ms apart). */
export const SLOW_TOKENS_PER_SECOND = 50;

const PARAGRAPH =
  'The quarterly report covers revenue by region, the cost of the new cluster, hiring, and ' +
  'the incidents of the period with their root causes and the follow-up actions agreed. ';

function shape(openai: ChatCompletionCreateParamsBase, stream: boolean): RequestShape {
  const converse: ConverseCommandInput = {
    modelId: MODEL_ID,
    messages: openai.messages.map((m) => ({
      role: m.role === 'assistant' ? 'assistant' : 'user',
      content: [{ text: String(m.content) }],
    })),
    inferenceConfig: { maxTokens: openai.max_tokens ?? 512 },
  };
  return {
    gatewayBody: Buffer.from(JSON.stringify({ ...openai, stream })),
    floorBody: Buffer.from(converseBody(converse)),
    stream,
  };
}

/** A document of about `tokens` tokens (4 characters each), numbered so no two lines repeat. */
function document(tokens: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 1; length < tokens * 4; i += 1) {
    const line = `Section ${i}. ${PARAGRAPH}`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('').slice(0, tokens * 4);
}

/**
 * The large-prompt profile: 50K, 75K and 100K-token prompts in equal shares, each streamed and
 * not streamed (six shapes, sent round robin, so 50% are streamed), `max_tokens` 16. The
 * prompt is a document followed by a short question, so the emulator's echo stays short.
 */
export function largePromptShapes(): RequestShape[] {
  const out: RequestShape[] = [];
  for (const tokens of LARGE_PROMPT_TOKENS) {
    const request: ChatCompletionCreateParamsBase = {
      model: MODEL_ID,
      messages: [
        { role: 'user', content: document(tokens - 12) },
        { role: 'assistant', content: 'I have read the report.' },
        { role: 'user', content: 'Summarise it in one line.' },
      ],
      max_tokens: LARGE_MAX_TOKENS,
    };
    for (const stream of [false, true]) out.push(shape(request, stream));
  }
  return out;
}

/** The chat profile: the benchmark conversation (40 messages, 3 tools), streamed. */
export function chatShapes(): RequestShape[] {
  const conversation = buildConversation();
  const openai = toOpenAIRequest(conversation);
  return [
    {
      gatewayBody: Buffer.from(JSON.stringify({ ...openai, stream: true })),
      floorBody: Buffer.from(converseBody(toConverseShape(conversation))),
      stream: true,
    },
  ];
}

/**
 * The slow-stream profile: one streamed question whose echo is at least `deltas` characters,
 * so the emulator (told `--deltas` = tokens per second x seconds) streams that many deltas.
 */
export function slowShapes(deltas: number): RequestShape[] {
  const words = 'token '.repeat(Math.ceil(deltas / 6) + 1);
  const request: ChatCompletionCreateParamsBase = {
    model: MODEL_ID,
    messages: [{ role: 'user', content: `Repeat after me: ${words}` }],
    max_tokens: 4096,
  };
  return [shape(request, true)];
}

/** The shapes of `profile` (`deltas` only matters for the slow streams). */
export function shapesOf(profile: ProfileId, deltas: number): RequestShape[] {
  switch (profile) {
    case 'large':
      return largePromptShapes();
    case 'chat':
      return chatShapes();
    case 'slow':
      return slowShapes(deltas);
    default: {
      const never: never = profile;
      throw new Error(`unknown profile ${String(never)}`);
    }
  }
}
