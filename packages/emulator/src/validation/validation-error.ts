import { BedrockError } from '../bedrock-error.js';

/** A JSON object as the request body carries it. */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A 400 ValidationException with `message` as Bedrock words it. */
export const invalid = (message: string): BedrockError =>
  new BedrockError('ValidationException', message);

/**
 * A violated service-model constraint, in the Coral form Bedrock uses:
 * "1 validation error detected: Value 'x' at 'a.1.member.b' failed to satisfy constraint: ...".
 * `value` undefined leaves the value out, as Bedrock does for members it treats as sensitive
 * (message content, system prompt, tool configuration): "Value at 'toolConfig.tools' ...".
 * Source: public reports of the real message, e.g. Portkey-AI/gateway#1124 (toolConfig.tools),
 * NousResearch/hermes-agent#90008 (messages.14.member.content.1.member.toolUse.name).
 */
export function constraint(value: string | undefined, at: string, rule: string): BedrockError {
  const shown = value === undefined ? 'Value' : `Value ${value}`;
  return invalid(
    `1 validation error detected: ${shown} at '${at}' failed to satisfy constraint: ${rule}`,
  );
}

/**
 * An error the model provider answers and Bedrock relays as a ValidationException, prefixed
 * "The model returned the following errors: " (e.g. BerriAI/litellm#15070).
 */
export const fromModel = (message: string): BedrockError =>
  invalid(`The model returned the following errors: ${message}`);

/** The constraint path of message `i` (0-based), 1-based as the service model counts. */
export const messagePath = (i: number): string => `messages.${i + 1}.member`;

/** The constraint path of block `j` of message `i` (both 0-based). */
export const blockPath = (i: number, j: number): string =>
  `${messagePath(i)}.content.${j + 1}.member`;

/** A number as Coral prints a float member ('2.0', '1.5'). */
export const floatText = (n: unknown): string =>
  typeof n === 'number' && Number.isInteger(n) ? `'${n.toFixed(1)}'` : `'${String(n)}'`;
