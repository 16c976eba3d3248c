import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { ChatCompletion, ChatCompletionChunk } from './openai-answer.js';
import type {
  ChatCompletionMessageParam,
  ChatCompletionRequest,
  ChatCompletionTool,
} from './openai-request.js';

type TheirParams = OpenAI.Chat.Completions.ChatCompletionCreateParams;
type TheirStreaming = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;
type TheirNonStreaming = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

/** Compiles only when A is assignable to B (plain structural assignability). */
function assignable<A, B>(ok: [A] extends [B] ? true : false): boolean {
  return ok;
}
const checks: boolean[] = [];

// These checks run under `tsc -p tsconfig.json` (the package typecheck) and vitest's expectTypeOf.
describe('structural compatibility with the openai package', () => {
  it("accepts openai's request types", () => {
    checks.push(assignable<TheirParams, ChatCompletionRequest>(true));
    checks.push(assignable<TheirStreaming, ChatCompletionRequest>(true));
    checks.push(assignable<TheirNonStreaming, ChatCompletionRequest>(true));
    checks.push(
      assignable<OpenAI.Chat.Completions.ChatCompletionMessageParam, ChatCompletionMessageParam>(
        true,
      ),
    );
    checks.push(assignable<OpenAI.Chat.Completions.ChatCompletionTool, ChatCompletionTool>(true));
  });

  it("accepts openai's answers and chunks", () => {
    checks.push(assignable<OpenAI.Chat.Completions.ChatCompletion, ChatCompletion>(true));
    checks.push(assignable<OpenAI.Chat.Completions.ChatCompletionChunk, ChatCompletionChunk>(true));
  });

  it("our answers and chunks can be used where openai's are expected", () => {
    checks.push(assignable<ChatCompletion, OpenAI.Chat.Completions.ChatCompletion>(true));
    checks.push(assignable<ChatCompletionChunk, OpenAI.Chat.Completions.ChatCompletionChunk>(true));
  });

  it('every check above is compiled (typecheck fails otherwise)', () => {
    expect(checks.every(Boolean)).toBe(true);
  });
});
