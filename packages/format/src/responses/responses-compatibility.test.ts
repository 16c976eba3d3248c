import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { Response, ResponseStreamEvent } from './responses-answer.js';
import type {
  ResponseFunctionCallItem,
  ResponseFunctionCallOutputItem,
  ResponseFunctionTool,
  ResponseInputItem,
  ResponseItemReference,
  ResponseMessageItem,
  ResponseReasoningItem,
  ResponsesRequest,
} from './responses-request.js';

type Theirs = OpenAI.Responses.ResponseCreateParams;

/** Compiles only when A is assignable to B (plain structural assignability). */
function assignable<A, B>(ok: [A] extends [B] ? true : false): boolean {
  return ok;
}
const checks: boolean[] = [];

/** The request fields this package supports, as the openai package types them. */
type SupportedParams = Pick<
  Theirs,
  | 'model'
  | 'instructions'
  | 'tool_choice'
  | 'parallel_tool_calls'
  | 'reasoning'
  | 'max_output_tokens'
  | 'temperature'
  | 'top_p'
  | 'metadata'
  | 'truncation'
  | 'include'
  | 'store'
  | 'previous_response_id'
  | 'stream'
  | 'text'
  | 'user'
  | 'service_tier'
>;

// These checks run under `tsc -p tsconfig.json` (the package typecheck).
describe('structural compatibility with the openai package (Responses)', () => {
  it("accepts openai's request fields and the input items this package supports", () => {
    checks.push(assignable<SupportedParams, ResponsesRequest>(true));
    checks.push(assignable<OpenAI.Responses.EasyInputMessage, ResponseMessageItem>(true));
    checks.push(assignable<OpenAI.Responses.ResponseOutputMessage, ResponseMessageItem>(true));
    checks.push(
      assignable<OpenAI.Responses.ResponseFunctionToolCall, ResponseFunctionCallItem>(true),
    );
    checks.push(
      assignable<
        OpenAI.Responses.ResponseInputItem.FunctionCallOutput,
        ResponseFunctionCallOutputItem
      >(true),
    );
    checks.push(assignable<OpenAI.Responses.ResponseReasoningItem, ResponseReasoningItem>(true));
    checks.push(
      assignable<OpenAI.Responses.ResponseInputItem.ItemReference, ResponseItemReference>(true),
    );
    checks.push(assignable<OpenAI.Responses.FunctionTool, ResponseFunctionTool>(true));
    checks.push(assignable<ResponseFunctionCallItem, ResponseInputItem>(true));
  });

  it("our response object and stream events can be used where openai's are expected", () => {
    checks.push(assignable<Response, OpenAI.Responses.Response>(true));
    checks.push(assignable<ResponseStreamEvent, OpenAI.Responses.ResponseStreamEvent>(true));
  });

  it('every check above is compiled (typecheck fails otherwise)', () => {
    expect(checks.every(Boolean)).toBe(true);
  });
});
