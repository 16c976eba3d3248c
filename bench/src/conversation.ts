import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';

/** The model every system calls (on-demand in the emulator's catalogue). */
export const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } as const;
export const MAX_TOKENS = 512;
/** Number of text deltas the emulator streams per answer. */
export const DELTAS = 64;

/** One JSON schema per tool; the same three tools for every system. */
export const TOOL_SPECS = [
  {
    name: 'get_weather',
    description: 'Current weather for a city.',
    schema: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
    },
  },
  {
    name: 'search_docs',
    description: 'Full-text search over the product documentation.',
    schema: {
      type: 'object',
      properties: {
        query: { type: 'string' },
        limit: { type: 'integer', minimum: 1, maximum: 20 },
      },
      required: ['query'],
    },
  },
  {
    name: 'create_ticket',
    description: 'Open a support ticket.',
    schema: {
      type: 'object',
      properties: {
        title: { type: 'string' },
        priority: { type: 'string', enum: ['low', 'normal', 'high'] },
        body: { type: 'string' },
      },
      required: ['title'],
    },
  },
] as const;

/** A tool round trip in the history: the assistant calls a tool and gets its result. */
export interface ToolTurn {
  user: string;
  callId: string;
  tool: (typeof TOOL_SPECS)[number]['name'];
  args: Record<string, unknown>;
  result: string;
  answer: string;
}

/** The conversation, independent of any client's message format. */
export interface Conversation {
  system: string;
  turns: Array<{ kind: 'text'; user: string; answer: string } | ({ kind: 'tool' } & ToolTurn)>;
  lastUser: string;
}

const FILLER =
  'We are planning the migration of the billing service to the new cluster and need to keep ' +
  'latency flat while the traffic doubles over the next quarter.';

/**
 * The benchmark conversation: a system prompt, 15 plain turns and 2 tool round trips
 * (38 messages), and a final user message: 40 messages in OpenAI terms, 3 tools.
 * The final text mentions no tool by name, so the emulator answers with text
 * (`Echo: <last user text>`) split into `DELTAS` deltas.
 */
export function buildConversation(): Conversation {
  const turns: Conversation['turns'] = [];
  for (let i = 0; i < 17; i += 1) {
    if (i === 4) {
      turns.push({
        kind: 'tool',
        user: 'What is the weather like where the new data centre is?',
        callId: 'tooluse_weather_0001',
        tool: 'get_weather',
        args: { city: 'Frankfurt', unit: 'celsius' },
        result: '{"city":"Frankfurt","temperature":7,"conditions":"overcast"}',
        answer: 'It is 7 degrees and overcast in Frankfurt.',
      });
    } else if (i === 11) {
      turns.push({
        kind: 'tool',
        user: 'Find the runbook page about draining a node.',
        callId: 'tooluse_search_0002',
        tool: 'search_docs',
        args: { query: 'drain node runbook', limit: 3 },
        result: '[{"title":"Draining a node","url":"https://docs.example.com/runbooks/drain"}]',
        answer: 'The runbook is "Draining a node" at docs.example.com/runbooks/drain.',
      });
    } else {
      turns.push({
        kind: 'text',
        user: `Step ${i + 1}: ${FILLER} What should we check at this step?`,
        answer: `At step ${i + 1}, check the error budget, the p99 latency and the queue depth before moving on. ${FILLER}`,
      });
    }
  }
  return {
    system:
      'You are a careful site-reliability assistant. Answer briefly, cite runbooks, and use ' +
      'the tools when live data is needed.',
    turns,
    lastUser:
      'Summarise the plan so far in one paragraph: the order of the steps, what we verify ' +
      'after each one, how we roll back when the error budget burns too fast, and who has to ' +
      'sign off before the final cut-over of the billing service.',
  };
}

/** The conversation as an OpenAI chat.completions request (the gateway and format input). */
export function toOpenAIRequest(c: Conversation): ChatCompletionCreateParamsBase {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: c.system }];
  for (const t of c.turns) {
    messages.push({ role: 'user', content: t.user });
    if (t.kind === 'tool') {
      messages.push({
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: t.callId,
            type: 'function',
            function: { name: t.tool, arguments: JSON.stringify(t.args) },
          },
        ],
      });
      messages.push({ role: 'tool', tool_call_id: t.callId, content: t.result });
    }
    messages.push({ role: 'assistant', content: t.answer });
  }
  messages.push({ role: 'user', content: c.lastUser });
  const tools: ChatCompletionTool[] = TOOL_SPECS.map((spec) => ({
    type: 'function',
    function: { name: spec.name, description: spec.description, parameters: spec.schema },
  }));
  return { model: MODEL_ID, messages, tools, max_tokens: MAX_TOKENS };
}

/** Number of messages the conversation has in OpenAI terms (system included). */
export function messageCount(c: Conversation): number {
  return toOpenAIRequest(c).messages.length;
}
