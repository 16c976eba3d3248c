import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { ConversionState } from './conversion-state.js';
import type { ReasoningDetail, ReasoningEffort } from './openai-request.js';
/**
 * `reasoning_details` of an earlier assistant turn -> reasoning blocks to replay.
 * Anthropic verifies the signature of every replayed thinking block and rejects one without
 * (`thinking.signature: Field required`, or `Invalid signature` when empty): with
 * `anthropic-thinking`, unsigned reasoning text is not replayed and a warning says so. Other
 * families (Nova) take unsigned reasoning but reject an empty signature, so an empty one is left
 * out. Redacted reasoning (`reasoning.encrypted`) is always replayed as its bytes.
 */
export declare function reasoningBlocks(details: readonly ReasoningDetail[], param: string, ctx: ConversionState): ContentBlock[];
/** What `reasoning_effort` adds to the Converse input. */
export interface ReasoningFields {
    additionalModelRequestFields?: Record<string, unknown>;
    /** The thinking budget, when one was set (maxTokens must exceed it). */
    budgetTokens?: number;
    /** Set for Anthropic adaptive thinking (same sampling and tool-choice rules, no budget). */
    adaptive?: boolean;
}
/** Anthropic's thinking request field for a budget. */
export declare function anthropicThinking(budgetTokens: number): Record<string, unknown>;
/** Whether these `additionalModelRequestFields` turn Anthropic thinking on. */
export declare function sendsAnthropicThinking(fields: Readonly<Record<string, unknown>>): boolean;
/**
 * `reasoning_effort` -> the model family's request fields, chosen by the `reasoning` option.
 * Effort `none` (or unset) adds nothing.
 */
export declare function reasoningFields(effort: ReasoningEffort | null | undefined, ctx: ConversionState): ReasoningFields;
