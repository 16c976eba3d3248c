import { getModelCapabilities } from './get-model-capabilities.js';

export interface ContextLengthOptions {
  /**
   * Count the opt-in larger window where the model has one (Claude Sonnet 4 / 4.5 and others
   * with `anthropic_beta: ['context-1m-2025-08-07']`). Only set it when you send that flag.
   * Default: false.
   */
  extended?: boolean;
}

/**
 * The context window (input + output tokens) of a model, from the built-in table. Same id forms
 * as `getModelCapabilities`; unknown models get the conservative default (32,000).
 */
export function getContextLength(modelId: string, options: ContextLengthOptions = {}): number {
  const caps = getModelCapabilities(modelId);
  if (options.extended === true && caps.extendedContext !== undefined) {
    return caps.extendedContext.contextWindow;
  }
  return caps.contextWindow;
}
