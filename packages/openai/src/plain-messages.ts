import { jsonTextDepth } from './json-depth.js';

/*
 * A fast path for the bulk of a chat request: its messages. Most histories are plain (string or
 * text-part content, function tool calls, no extensions), and checking that by hand costs a
 * fraction of running the zod schema over every message. This check only ever says "certainly
 * valid, and zod would return it unchanged"; anything else (an error, an extension, a field zod
 * would strip) goes to the full schema, which alone decides and words every error.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every own key of `value` is one of `allowed`. */
function onlyKeys(value: Json, allowed: ReadonlySet<string>): boolean {
  for (const key in value) {
    if (!allowed.has(key)) return false;
  }
  return true;
}

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.length > 0;
const absentOrString = (value: unknown): boolean =>
  value === undefined || typeof value === 'string';

const TEXT_PART = new Set(['type', 'text']);

/** A string, or an array of `{ type: 'text', text }` parts without extensions. */
function plainContent(content: unknown): boolean {
  if (typeof content === 'string') return true;
  if (!Array.isArray(content)) return false;
  for (const part of content) {
    if (!isObject(part) || part.type !== 'text' || typeof part.text !== 'string') return false;
    if (!onlyKeys(part, TEXT_PART)) return false;
  }
  return true;
}

const TOOL_CALL = new Set(['id', 'type', 'function']);
const FUNCTION = new Set(['name', 'arguments']);

function plainToolCalls(calls: unknown, maxArgumentsDepth: number): boolean {
  if (calls === undefined) return true;
  if (!Array.isArray(calls)) return false;
  for (const call of calls) {
    if (!isObject(call) || call.type !== 'function' || !nonEmpty(call.id)) return false;
    if (!onlyKeys(call, TOOL_CALL)) return false;
    const fn = call.function;
    if (!isObject(fn) || !nonEmpty(fn.name) || typeof fn.arguments !== 'string') return false;
    if (!onlyKeys(fn, FUNCTION) || jsonTextDepth(fn.arguments) > maxArgumentsDepth) return false;
  }
  return true;
}

const SYSTEM = new Set(['role', 'content', 'name']);
const TOOL = new Set(['role', 'content', 'tool_call_id', 'name']);
const ASSISTANT = new Set(['role', 'content', 'tool_calls', 'name']);

function plainMessage(message: unknown, maxArgumentsDepth: number): boolean {
  if (!isObject(message) || !absentOrString(message.name)) return false;
  switch (message.role) {
    case 'system':
    case 'developer':
    case 'user':
      return onlyKeys(message, SYSTEM) && plainContent(message.content);
    case 'tool':
      return (
        onlyKeys(message, TOOL) && nonEmpty(message.tool_call_id) && plainContent(message.content)
      );
    case 'assistant':
      return (
        onlyKeys(message, ASSISTANT) &&
        (message.content === null ||
          message.content === undefined ||
          plainContent(message.content)) &&
        plainToolCalls(message.tool_calls, maxArgumentsDepth)
      );
    default:
      return false;
  }
}

/**
 * True when `messages` is a non-empty array of plain messages (system, developer, user, tool and
 * assistant messages with string or text-part content, function tool calls, `name`), each of
 * which the chat request schema accepts and returns as it is. False says nothing: ask the schema.
 */
export function arePlainMessages(messages: unknown, maxArgumentsDepth: number): boolean {
  if (!Array.isArray(messages) || messages.length === 0) return false;
  for (const message of messages) {
    if (!plainMessage(message, maxArgumentsDepth)) return false;
  }
  return true;
}
