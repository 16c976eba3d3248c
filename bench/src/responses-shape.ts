import type {
  ResponseCreateParamsBase,
  ResponseInputItem,
} from 'openai/resources/responses/responses';
import { type Conversation, MAX_TOKENS, MODEL_ID, TOOL_SPECS } from './conversation.js';

/** The conversation as an OpenAI Responses request: the same turns as `toOpenAIRequest`. */
export function toResponsesRequest(c: Conversation): ResponseCreateParamsBase {
  const input: ResponseInputItem[] = [];
  for (const t of c.turns) {
    input.push({ role: 'user', content: t.user });
    if (t.kind === 'tool') {
      input.push({
        type: 'function_call',
        call_id: t.callId,
        name: t.tool,
        arguments: JSON.stringify(t.args),
      });
      input.push({ type: 'function_call_output', call_id: t.callId, output: t.result });
    }
    input.push({ role: 'assistant', content: t.answer });
  }
  input.push({ role: 'user', content: c.lastUser });
  return {
    model: MODEL_ID,
    instructions: c.system,
    input,
    tools: TOOL_SPECS.map((spec) => ({
      type: 'function' as const,
      name: spec.name,
      description: spec.description,
      parameters: spec.schema,
      strict: false,
    })),
    max_output_tokens: MAX_TOKENS,
    store: false,
  };
}
