import { fromModel, invalid, isObject, type Json } from './validation-error.js';

/**
 * Turn order and the pairing of toolUse and toolResult blocks. Sources per rule below; the
 * Anthropic-only ones are the Messages API's own checks, which Bedrock relays prefixed
 * "The model returned the following errors: ".
 */

interface Block {
  index: number;
  kind: string;
  payload: Json;
}

function blocks(message: Json): Block[] {
  const content = Array.isArray(message.content) ? message.content : [];
  return content.filter(isObject).map((b, index) => {
    const kind = Object.keys(b)[0] ?? '';
    return { index, kind, payload: isObject(b[kind]) ? (b[kind] as Json) : {} };
  });
}

const idsOf = (list: Block[], kind: 'toolUse' | 'toolResult') =>
  list.filter((b) => b.kind === kind).map((b) => String(b.payload.toolUseId));

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, k) => ids.indexOf(id) !== k))];
}

/** Roles and alternation (Bedrock's own wording, the emulator's original rules). */
function checkTurns(turns: Json[]): void {
  if (turns[0]?.role !== 'user') {
    throw invalid(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  turns.forEach((message, i) => {
    if (i > 0 && turns[i - 1]?.role === message.role) {
      throw invalid(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
  });
}

function checkResults(list: Block[], i: number, anthropic: boolean): void {
  for (const result of list.filter((b) => b.kind === 'toolResult')) {
    const content = Array.isArray(result.payload.content) ? result.payload.content : [];
    const at = `messages.${i}.content.${result.index}`;
    // Anthropic: an error result must say what went wrong (wording as Anthropic's API words it).
    if (anthropic && result.payload.status === 'error' && content.length === 0) {
      throw fromModel(`${at}.tool_result: content cannot be empty if \`is_error\` is true`);
    }
    // Anthropic: "messages: text content blocks must be non-empty" (NousResearch/hermes-agent#55092)
    // and, for whitespace only, "... must contain non-whitespace text" (hermes-agent#61318).
    const texts = content
      .filter(isObject)
      .flatMap((c) => (typeof c.text === 'string' ? [c.text] : []));
    if (anthropic && texts.some((t) => t === '')) {
      throw fromModel('messages: text content blocks must be non-empty');
    }
    if (anthropic && texts.some((t) => t.trim() === '')) {
      throw fromModel('messages: text content blocks must contain non-whitespace text');
    }
  }
  // Anthropic: tool_result blocks come first in their user message (Anthropic tool-use guide:
  // "tool_result blocks must come FIRST in the content array"); wording is the emulator's own.
  const firstOther = list.findIndex((b) => b.kind !== 'toolResult' && b.kind !== 'cachePoint');
  const lastResult = list.map((b) => b.kind).lastIndexOf('toolResult');
  if (anthropic && firstOther >= 0 && lastResult > firstOther) {
    throw fromModel(
      `messages.${i}.content.${lastResult}: \`tool_result\` blocks must come before any other content in a user message`,
    );
  }
}

/** Throws the first pairing rule the conversation breaks. */
export function validateToolPairing(
  messages: Json[],
  hasToolConfig: boolean,
  anthropic: boolean,
): void {
  const turns = messages.filter((m) => m.role !== 'system');
  checkTurns(turns);
  const seenUses = new Map<string, string>();
  messages.forEach((message, i) => {
    const list = blocks(message);
    if (list.some((b) => b.kind === 'toolUse' || b.kind === 'toolResult') && !hasToolConfig) {
      throw invalid(
        'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
      );
    }
    const uses = idsOf(list, 'toolUse');
    const results = idsOf(list, 'toolResult');
    // "The toolUse blocks at messages.2.content contain duplicate Ids: http_request"
    // (bvcyber/Cyber-AutoAgent-ng#72) and the toolResult twin (kirodotdev/Kiro#9355).
    const dupUses = duplicates(uses);
    if (dupUses.length > 0) {
      throw invalid(
        `The toolUse blocks at messages.${i}.content contain duplicate Ids: ${dupUses.join(', ')}`,
      );
    }
    const dupResults = duplicates(results);
    if (dupResults.length > 0) {
      throw invalid(
        `The toolResult blocks at messages.${i}.content contain duplicate Ids: ${dupResults.join(', ')}`,
      );
    }
    // Anthropic: "messages.1.content.2: `tool_use` ids must be unique" (anomalyco/opencode#1279).
    for (const use of list.filter((b) => b.kind === 'toolUse')) {
      const id = String(use.payload.toolUseId);
      if (anthropic && seenUses.has(id)) {
        throw fromModel(`messages.${i}.content.${use.index}: \`tool_use\` ids must be unique`);
      }
      seenUses.set(id, `messages.${i}`);
    }
    if (message.role === 'user') {
      checkPairs(messages[i - 1], results, i);
      checkResults(list, i, anthropic);
    }
  });
}

/** Results against the previous turn's uses (the emulator's original Bedrock wordings). */
function checkPairs(previous: Json | undefined, results: string[], i: number): void {
  const uses = previous?.role === 'assistant' ? idsOf(blocks(previous), 'toolUse') : [];
  if (results.length > uses.length) {
    throw invalid(
      `The number of toolResult blocks at messages.${i}.content exceeds the number of toolUse blocks of previous turn.`,
    );
  }
  const stray = results.filter((id) => !uses.includes(id));
  if (stray.length > 0) {
    throw invalid(
      `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
    );
  }
  const missing = uses.filter((id) => !results.includes(id));
  if (missing.length > 0) {
    throw invalid(
      `Expected toolResult blocks at messages.${i}.content for the following Ids: ${missing.join(', ')}`,
    );
  }
}
