import { applyCachePoints } from './cache-points.js';
import { applyCacheRules } from './cache-rules.js';
import { createConversionState } from './conversion-state.js';
import { convertMessages } from './convert-messages.js';
import { convertTools } from './convert-tools.js';
import { invalidRequest } from './invalid-request.js';
import { fitThinkingBudget } from './output-token-limit.js';
import { paramPolicyOf, unsupportedParam } from './param-policy.js';
import { anthropicThinking, reasoningFields, sendsAnthropicThinking } from './reasoning.js';
import { repairHistory } from './repair-history.js';
import { checkUnsupportedFields, inferenceConfig, requestMetadata, STRUCTURED_OUTPUT_TOOL, structuredOutput, } from './request-params.js';
function hasToolBlocks(messages) {
    return messages.some((m) => (m.content ?? []).some((b) => b.toolUse !== undefined || b.toolResult !== undefined));
}
/**
 * Converts an OpenAI chat-completions request into a Converse(Stream) input. Pure and
 * synchronous; throws a `BedrockBridgeError` of kind `validation` (with `code` and `param`) for
 * anything Bedrock cannot express, unless an option says to drop it.
 */
export function toConverseInput(request, options = {}) {
    if (typeof request !== 'object' || request === null) {
        throw invalidRequest('invalid_request', '', 'The request must be an object.');
    }
    const ctx = createConversionState(options, request.reasoning_effort);
    checkUnsupportedFields(request, ctx);
    const { system, items } = convertMessages(request.messages, ctx);
    const tools = convertTools(request, ctx);
    let structured = structuredOutput(request, ctx);
    if (structured.tool !== undefined && ctx.rules.forcedToolChoice === false) {
        unsupportedParam(ctx, 'response_format', `This model has no native structured output and cannot be forced to call a tool, so response_format ${request.response_format?.type ?? ''} cannot be honoured.`);
        structured = {};
    }
    const config = inferenceConfig(request, ctx);
    const forcedChoice = tools.toolConfig?.toolChoice;
    const forced = structured.tool !== undefined || (forcedChoice?.any ?? forcedChoice?.tool) !== undefined;
    let effort = request.reasoning_effort;
    if (forced &&
        effort != null &&
        effort !== 'none' &&
        (ctx.options.reasoning === 'anthropic-thinking' ||
            ctx.options.reasoning === 'anthropic-adaptive') &&
        paramPolicyOf(ctx) === 'drop') {
        // Anthropic thinking takes only tool_choice auto: the forced call (or structured output) wins.
        unsupportedParam(ctx, 'reasoning_effort', 'Anthropic thinking cannot be combined with a forced tool call.');
        effort = undefined;
    }
    const reasoning = reasoningFields(effort, ctx);
    const thinking = reasoning.budgetTokens !== undefined || reasoning.adaptive === true;
    if (reasoning.budgetTokens !== undefined) {
        const budget = fitThinkingBudget(reasoning.budgetTokens, config, request, ctx);
        if (budget !== reasoning.budgetTokens) {
            reasoning.additionalModelRequestFields = anthropicThinking(budget);
            reasoning.budgetTokens = budget;
        }
    }
    if (thinking) {
        for (const [key, field] of [
            ['temperature', 'temperature'],
            ['topP', 'top_p'],
        ]) {
            if (config[key] === undefined)
                continue;
            unsupportedParam(ctx, field, `Anthropic thinking does not allow '${field}' changes.`);
            delete config[key];
        }
    }
    const additional = {
        ...reasoning.additionalModelRequestFields,
        ...(tools.anthropicToolChoice ? { tool_choice: tools.anthropicToolChoice } : {}),
        ...options.additionalModelRequestFields,
    };
    const repair = { toolsOffered: tools.offered };
    if (sendsAnthropicThinking(additional))
        repair.prefillBlockedBy = 'Anthropic does not accept a prefill while thinking is on';
    const messages = repairHistory(items, ctx, repair);
    const input = { modelId: options.modelId ?? request.model, messages };
    if (structured.instruction !== undefined)
        system.push({ text: structured.instruction });
    if (system.length > 0)
        input.system = system;
    if (Object.keys(config).length > 0)
        input.inferenceConfig = config;
    if (tools.toolConfig !== undefined) {
        if (structured.tool !== undefined) {
            throw invalidRequest('unsupported_parameter', 'response_format', 'response_format json_object (or json_schema with structuredOutput: "tool") goes through a forced tool, so it cannot be combined with tools.');
        }
        input.toolConfig = tools.toolConfig;
    }
    else if (structured.tool !== undefined) {
        input.toolConfig = {
            tools: [structured.tool],
            toolChoice: { tool: { name: STRUCTURED_OUTPUT_TOOL } },
        };
    }
    if (structured.outputConfig !== undefined)
        input.outputConfig = structured.outputConfig;
    if (thinking && forced) {
        throw invalidRequest('unsupported_parameter', structured.tool !== undefined ? 'response_format' : 'tool_choice', 'Anthropic thinking cannot be combined with a forced tool call (tool_choice required or named, or response_format through a forced tool); use tool_choice auto, or leave out reasoning_effort.');
    }
    if (!tools.offered && input.toolConfig === undefined && hasToolBlocks(messages)) {
        throw invalidRequest('internal_error', 'messages', 'tool blocks left without toolConfig (bug).');
    }
    if (Object.keys(additional).length > 0)
        input.additionalModelRequestFields = additional;
    if (options.additionalModelResponseFieldPaths)
        input.additionalModelResponseFieldPaths = options.additionalModelResponseFieldPaths;
    if (options.guardrailConfig)
        input.guardrailConfig = options.guardrailConfig;
    if (options.performanceConfig)
        input.performanceConfig = options.performanceConfig;
    const tier = request.service_tier;
    if (options.serviceTier)
        input.serviceTier = options.serviceTier;
    else if (tier === 'flex' || tier === 'priority' || tier === 'default')
        input.serviceTier = { type: tier };
    const metadata = requestMetadata(request, ctx);
    if (metadata !== undefined)
        input.requestMetadata = metadata;
    applyCachePoints(input, ctx);
    applyCacheRules(request, input, ctx);
    const toolNames = ctx.toolNames.renamed();
    const answer = {
        toolNames,
        includeUsage: request.stream_options?.include_usage === true,
    };
    if (structured.tool !== undefined)
        answer.structuredOutputTool = STRUCTURED_OUTPUT_TOOL;
    return { input, toolNames, answer, dropped: ctx.dropped, warnings: ctx.warnings };
}
