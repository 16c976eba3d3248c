import type {
  ContentBlock,
  ConverseCommandInput,
  Message,
  Tool,
  ToolUseBlock,
} from '@aws-sdk/client-bedrock-runtime';
import { type Conversation, MAX_TOKENS, MODEL_ID, TOOL_SPECS } from './conversation.js';

/** The SDK's JSON document type, as it types tool inputs and schemas. */
type DocumentType = NonNullable<ToolUseBlock['input']>;

/**
 * The conversation as a ready Converse input, built once: what a raw SDK user
 * would send, and the body the bare HTTP floor sends.
 */
export function toConverseShape(c: Conversation): ConverseCommandInput {
  const messages: Message[] = [];
  for (const t of c.turns) {
    messages.push({ role: 'user', content: [{ text: t.user }] });
    if (t.kind === 'tool') {
      const toolUse: ContentBlock = {
        toolUse: { toolUseId: t.callId, name: t.tool, input: t.args as DocumentType },
      };
      messages.push({ role: 'assistant', content: [toolUse] });
      messages.push({
        role: 'user',
        content: [{ toolResult: { toolUseId: t.callId, content: [{ text: t.result }] } }],
      });
    }
    messages.push({ role: 'assistant', content: [{ text: t.answer }] });
  }
  messages.push({ role: 'user', content: [{ text: c.lastUser }] });
  const tools: Tool[] = TOOL_SPECS.map(
    (spec): Tool => ({
      toolSpec: {
        name: spec.name,
        description: spec.description,
        inputSchema: { json: spec.schema as unknown as DocumentType },
      },
    }),
  );
  return {
    modelId: MODEL_ID,
    system: [{ text: c.system }],
    messages,
    toolConfig: { tools },
    inferenceConfig: { maxTokens: MAX_TOKENS },
  };
}

/** The JSON body the SDK sends for `input` (everything but the model id, which is in the path). */
export function converseBody(input: ConverseCommandInput): string {
  const { modelId: _modelId, ...body } = input;
  return JSON.stringify(body);
}
