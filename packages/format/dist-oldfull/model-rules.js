/** The one table from Converse's sampling names to the OpenAI fields that carry them. */
export const OPENAI_SAMPLING_FIELD = {
    temperature: 'temperature',
    topP: 'top_p',
    stopSequences: 'stop',
    topK: undefined, // no OpenAI field: never sent from an OpenAI request
};
/** The OpenAI fields of some sampling parameters (those that have one). */
export function openAIFields(params) {
    return [...new Set(params.flatMap((p) => OPENAI_SAMPLING_FIELD[p] ?? []))];
}
/** The model's reasoning style as `toConverseInput`'s `reasoning` option spells it. */
export function reasoningStyleOf(rules) {
    switch (rules.reasoning) {
        case undefined:
            return undefined;
        case 'openai-reasoning-effort':
            return 'passthrough';
        case 'always':
            return 'none';
        case 'anthropic-thinking':
            // Budgets are deprecated where adaptive thinking exists (Claude 4.6).
            return rules.adaptiveThinking ? 'anthropic-adaptive' : 'anthropic-thinking';
        case 'anthropic-adaptive':
        case 'nova-reasoning':
        case 'passthrough':
        case 'none':
            return rules.reasoning;
        default: {
            const unreachable = rules.reasoning;
            return unreachable;
        }
    }
}
