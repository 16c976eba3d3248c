import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { type Conversation, TOOL_SPECS } from './conversation.js';

/** An OpenAI-style function tool, which LangChain's `bindTools` accepts as is. */
export interface LangChainTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** The conversation as LangChain messages, and the tools to bind. */
export function toLangChainShape(c: Conversation): {
  messages: BaseMessage[];
  tools: LangChainTool[];
} {
  const messages: BaseMessage[] = [new SystemMessage(c.system)];
  for (const t of c.turns) {
    messages.push(new HumanMessage(t.user));
    if (t.kind === 'tool') {
      messages.push(
        new AIMessage({
          content: '',
          tool_calls: [{ id: t.callId, name: t.tool, args: t.args, type: 'tool_call' }],
        }),
      );
      messages.push(new ToolMessage({ content: t.result, tool_call_id: t.callId }));
    }
    messages.push(new AIMessage(t.answer));
  }
  messages.push(new HumanMessage(c.lastUser));
  const tools: LangChainTool[] = TOOL_SPECS.map((spec) => ({
    type: 'function',
    function: {
      name: spec.name,
      description: spec.description,
      parameters: spec.schema as unknown as Record<string, unknown>,
    },
  }));
  return { messages, tools };
}
