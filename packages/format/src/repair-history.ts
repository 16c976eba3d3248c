import type { ContentBlock, Message } from '@aws-sdk/client-bedrock-runtime';
import type { ConversionContext } from './conversion-context.js';
import { cachePointBlock } from './convert-content-part.js';
import type { HistoryItem } from './convert-messages.js';
import { inputToArguments } from './tool-arguments.js';

/** Visible placeholders, used only where Converse needs a block and the request has none. */
export const PLACEHOLDERS = {
  /** A tool call that never got a result. */
  missingToolResult: 'No result was provided for this tool call.',
  /** A tool result whose content was empty. */
  emptyToolResult: '(empty result)',
  /** Inserted when the conversation would start with an assistant turn. */
  conversationStart: '(conversation start)',
  /** Appended after a trailing assistant turn when the model takes no prefill. */
  continueAfterAssistant: '(continue)',
  /** Sent when the request holds no user or assistant content at all. */
  emptyConversation: '(empty conversation)',
  /** Added to a user turn that holds a document but no text (Converse requires a text block). */
  documentWithoutText: '(document attached)',
} as const;

interface Turn {
  role: 'user' | 'assistant';
  blocks: ContentBlock[];
  callIds: string[];
  results: Map<string, ContentBlock[]>;
  /** A tool result arrived for this turn: later messages of the same role start a new turn. */
  closed: boolean;
}

function resultBlocks(
  id: string,
  text: string,
  cacheAfter: boolean,
  ctx: ConversionContext,
  status?: 'error',
): ContentBlock[] {
  const content = [{ text: text.trim() === '' ? PLACEHOLDERS.emptyToolResult : text }];
  const result =
    status === undefined ? { toolUseId: id, content } : { toolUseId: id, content, status };
  const blocks: ContentBlock[] = [{ toolResult: result }];
  if (cacheAfter && ctx.cacheAllowed('messages')) blocks.push(cachePointBlock(undefined));
  return blocks;
}

/** Reasoning blocks first (Anthropic requires them at the start of an assistant turn). */
function hoistReasoning(blocks: ContentBlock[]): ContentBlock[] {
  const reasoning = blocks.filter((b) => b.reasoningContent !== undefined);
  if (reasoning.length === 0 || blocks[0]?.reasoningContent !== undefined) {
    if (reasoning.every((_, i) => blocks[i]?.reasoningContent !== undefined)) return blocks;
  }
  return [...reasoning, ...blocks.filter((b) => b.reasoningContent === undefined)];
}

/** Tool blocks as text, for requests where the model is offered no tools. */
function toolBlocksAsText(blocks: ContentBlock[]): ContentBlock[] {
  return blocks.map((block): ContentBlock => {
    if (block.toolUse !== undefined) {
      const { toolUseId, name, input } = block.toolUse;
      return { text: `[tool call ${toolUseId}] ${name}(${inputToArguments(input)})` };
    }
    if (block.toolResult !== undefined) {
      const text = (block.toolResult.content ?? []).map((c) => c.text ?? '').join('\n');
      return { text: `[tool result ${block.toolResult.toolUseId}] ${text}` };
    }
    return block;
  });
}

function trimTrailingWhitespace(turn: Turn): void {
  for (let i = turn.blocks.length - 1; i >= 0; i--) {
    const block = turn.blocks[i];
    if (block?.cachePoint !== undefined) continue;
    if (block?.text !== undefined) {
      const trimmed = block.text.trimEnd();
      if (trimmed === '') turn.blocks.splice(i, 1);
      else turn.blocks[i] = { text: trimmed };
    }
    return;
  }
}

/**
 * Makes a history Converse accepts, without losing content:
 * consecutive same-role turns merged; each turn's tool results grouped (in call order, before
 * any other user content) into the user turn right after the assistant turn that called them;
 * a call without a result gets an error result saying so; a result without a matching earlier
 * call becomes user text; the first turn is a user turn; a trailing assistant turn is kept as a
 * prefill only when `supportsPrefill`; tool blocks become text when no tools are offered; a user
 * turn with a document but no text gets a placeholder text.
 */
export function repairHistory(
  items: readonly HistoryItem[],
  ctx: ConversionContext,
  toolsOffered: boolean,
): Message[] {
  const turns: Turn[] = [];
  const owners = new Map<string, Turn>();
  const push = (role: Turn['role'], blocks: ContentBlock[], callIds: string[] = []): void => {
    if (blocks.length === 0) return;
    const last = turns[turns.length - 1];
    if (last !== undefined && last.role === role && !last.closed) {
      last.blocks.push(...blocks);
      last.callIds.push(...callIds);
      for (const id of callIds) owners.set(id, last);
      return;
    }
    const turn: Turn = { role, blocks, callIds, results: new Map(), closed: false };
    for (const id of callIds) owners.set(id, turn);
    turns.push(turn);
  };
  for (const item of items) {
    if (item.kind === 'user') push('user', item.blocks);
    else if (item.kind === 'assistant') push('assistant', item.blocks, item.callIds);
    else {
      const owner = owners.get(item.id);
      if (owner !== undefined && !owner.results.has(item.id)) {
        owner.results.set(item.id, resultBlocks(item.id, item.text, item.cacheAfter, ctx));
        owner.closed = true;
      } else {
        const text = `[tool result ${item.id}] ${item.text}`;
        push('user', text.trim() === '' ? [] : [{ text }]);
      }
    }
  }

  const messages: Message[] = [];
  let carry: ContentBlock[] = [];
  for (const turn of turns) {
    if (turn.role === 'assistant') {
      if (carry.length > 0) messages.push({ role: 'user', content: carry });
      messages.push({ role: 'assistant', content: hoistReasoning(turn.blocks) });
      carry = [];
      for (const id of turn.callIds) {
        const found = turn.results.get(id);
        carry.push(
          ...(found ?? resultBlocks(id, PLACEHOLDERS.missingToolResult, false, ctx, 'error')),
        );
      }
    } else {
      messages.push({ role: 'user', content: [...carry, ...turn.blocks] });
      carry = [];
    }
  }
  if (carry.length > 0) messages.push({ role: 'user', content: carry });

  if (messages.length === 0)
    return [{ role: 'user', content: [{ text: PLACEHOLDERS.emptyConversation }] }];
  if (messages[0]?.role === 'assistant') {
    messages.unshift({ role: 'user', content: [{ text: PLACEHOLDERS.conversationStart }] });
  }
  const last = messages[messages.length - 1];
  if (last?.role === 'assistant') {
    if (ctx.options.supportsPrefill) {
      const turn: Turn = {
        role: 'assistant',
        blocks: last.content ?? [],
        callIds: [],
        results: new Map(),
        closed: false,
      };
      trimTrailingWhitespace(turn);
      if (turn.blocks.length === 0) messages.pop();
      else last.content = turn.blocks;
    } else {
      messages.push({ role: 'user', content: [{ text: PLACEHOLDERS.continueAfterAssistant }] });
    }
  }
  if (!toolsOffered) {
    for (const message of messages) message.content = toolBlocksAsText(message.content ?? []);
  }
  for (const message of messages) {
    if (message.role === 'user' && message.content) addTextNextToDocuments(message.content);
  }
  return messages;
}

/**
 * Converse rejects a message with a document block but no text block: such a user turn gets a
 * visible placeholder text after its content (before trailing cache points, so they still end
 * the turn).
 */
function addTextNextToDocuments(content: ContentBlock[]): void {
  let hasDocument = false;
  for (const block of content) {
    if (block.text !== undefined) return;
    if (block.document !== undefined) hasDocument = true;
  }
  if (!hasDocument) return;
  let at = content.length;
  while (at > 0 && content[at - 1]?.cachePoint !== undefined) at--;
  content.splice(at, 0, { text: PLACEHOLDERS.documentWithoutText });
}
