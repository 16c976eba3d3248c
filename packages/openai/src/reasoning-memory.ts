import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessageParam,
  ChatCompletionRequest,
  ReasoningDetail,
} from '@bedrock-bridge/format';
import type { KeyValueStore } from './store/key-value-store.js';

/*
 * Thinking through tool loops with stock clients. Claude with thinking on rejects a final
 * assistant turn with tool calls that does not start with its (signed) thinking block, and stock
 * OpenAI clients send back only `content` and `tool_calls`. The gateway remembers the reasoning
 * it returned with each tool call (keyed by the tool-call id, for a limited time) and puts it
 * back on the assistant turn that carries those calls.
 */

/** Options of `createReasoningMemory`. */
export interface ReasoningMemoryOptions {
  /** Where the reasoning is kept (shared by every gateway process that uses the same store). */
  store: KeyValueStore;
  /** How long the reasoning of one answer is kept. Default 1 hour. CLI `--reasoning-ttl-ms`. */
  ttlMs?: number;
}

/** An assistant message as it comes back in an answer (only what the memory reads). */
interface AnsweredMessage {
  tool_calls?: readonly { id?: string }[] | null | undefined;
  reasoning_details?: readonly ReasoningDetail[] | null | undefined;
}

/** What `restore` did to a request. */
export interface RestoredRequest {
  request: ChatCompletionRequest;
  /** Set when the reasoning of the final tool-call turn was not found: send without thinking. */
  missing?: string[];
  /** Assistant turns that got their reasoning back. */
  restored: number;
}

const KEY_PREFIX = 'reasoning:';

/** Reasoning that can be replayed: signed text or redacted bytes. */
function replayable(details: readonly ReasoningDetail[] | null | undefined): ReasoningDetail[] {
  const list = details ?? [];
  const signed = list.some(
    (d) =>
      d.type === 'reasoning.encrypted' ||
      (d.type === 'reasoning.text' && typeof d.signature === 'string' && d.signature !== ''),
  );
  return signed ? [...list] : [];
}

function functionCallIds(message: ChatCompletionAssistantMessageParam): string[] {
  return (message.tool_calls ?? []).map((call) => call.id).filter((id) => id !== '');
}

/** The gateway's memory of the reasoning that came with its tool calls. */
export interface ReasoningMemory {
  /** Keeps the reasoning of an answer's message under each of its tool-call ids. */
  remember(message: AnsweredMessage): Promise<void>;
  /**
   * Puts remembered reasoning back on assistant turns with tool calls and none of their own.
   * `missing` lists the tool calls of the final such turn whose reasoning is unknown.
   */
  restore(request: ChatCompletionRequest): Promise<RestoredRequest>;
}

export function createReasoningMemory(options: ReasoningMemoryOptions): ReasoningMemory {
  const ttlMs = options.ttlMs ?? 60 * 60_000;
  const { store } = options;
  return {
    async remember(message) {
      const details = replayable(message.reasoning_details);
      const ids = (message.tool_calls ?? []).flatMap((c) => (c.id ? [c.id] : []));
      if (details.length === 0 || ids.length === 0) return;
      const value = JSON.stringify(details);
      await Promise.all(ids.map((id) => store.set(`${KEY_PREFIX}${id}`, value, { ttlMs })));
    },
    async restore(request) {
      const messages: ChatCompletionMessageParam[] = [...request.messages];
      let lastCalls = -1;
      messages.forEach((m, i) => {
        if (m.role === 'assistant' && functionCallIds(m).length > 0) lastCalls = i;
      });
      let lastAssistant = -1;
      messages.forEach((m, i) => {
        if (m.role === 'assistant') lastAssistant = i;
      });
      let restored = 0;
      let missing: string[] | undefined;
      for (const [i, m] of messages.entries()) {
        if (m.role !== 'assistant' || (m.reasoning_details?.length ?? 0) > 0) continue;
        const ids = functionCallIds(m);
        if (ids.length === 0) continue;
        const found = await lookup(store, ids);
        if (found !== undefined) {
          messages[i] = { ...m, reasoning_details: found };
          restored++;
        } else if (i === lastCalls && i === lastAssistant) {
          missing = ids;
        }
      }
      const out: RestoredRequest = {
        request: restored > 0 ? { ...request, messages } : request,
        restored,
      };
      if (missing !== undefined) out.missing = missing;
      return out;
    },
  };
}

/** The reasoning stored under the first of these tool-call ids that has one. */
async function lookup(store: KeyValueStore, ids: string[]): Promise<ReasoningDetail[] | undefined> {
  for (const id of ids) {
    const value = await store.get(`${KEY_PREFIX}${id}`);
    if (value === undefined) continue;
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed) && parsed.length > 0) return parsed as ReasoningDetail[];
    } catch {
      // A corrupt entry is a miss.
    }
  }
  return undefined;
}
