import { jsonSchema, type ModelMessage, type ToolSet, tool } from 'ai';
import { type Conversation, TOOL_SPECS } from './conversation.js';

/** The conversation in the Vercel AI SDK's terms: `system`, `messages`, `tools`. */
export interface AiSdkShape {
  system: string;
  messages: ModelMessage[];
  tools: ToolSet;
}

/** Builds the AI SDK's message list and tool set (tools without `execute`: no tool loop). */
export function toAiSdkShape(c: Conversation): AiSdkShape {
  const messages: ModelMessage[] = [];
  for (const t of c.turns) {
    messages.push({ role: 'user', content: t.user });
    if (t.kind === 'tool') {
      messages.push({
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: t.callId, toolName: t.tool, input: t.args }],
      });
      messages.push({
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: t.callId,
            toolName: t.tool,
            output: { type: 'text', value: t.result },
          },
        ],
      });
    }
    messages.push({ role: 'assistant', content: t.answer });
  }
  messages.push({ role: 'user', content: c.lastUser });
  const tools: ToolSet = {};
  for (const spec of TOOL_SPECS) {
    tools[spec.name] = tool({
      description: spec.description,
      // The specs are readonly literals; JSON Schema's types want mutable arrays (`required`).
      inputSchema: jsonSchema(
        structuredClone(spec.schema) as unknown as Parameters<typeof jsonSchema>[0],
      ),
    });
  }
  return { system: c.system, messages, tools };
}
