import { invalidRequest } from './invalid-request.js';
import { isValidToolName } from './tool-names.js';
import { checkBlock } from './validate-content-block.js';
import { checkRequestLimits } from './validate-request-limits.js';
const METADATA_TEXT = /^[a-zA-Z0-9\s:_@$#=/+,\-.]*$/;
function ids(message, member) {
    return (message?.content ?? []).flatMap((b) => {
        const id = b[member]?.toolUseId;
        return id === undefined ? [] : [id];
    });
}
/** Converse's `Message` rule: a message with a document also holds a text block. */
function checkAttachments(content, path, report) {
    let documents = 0;
    let texts = 0;
    for (const block of content) {
        if (block.document !== undefined)
            documents++;
        else if (block.text !== undefined)
            texts++;
    }
    if (documents > 0 && texts === 0)
        report(`${path}.content`, 'document_without_text', 'a message with a document block must also hold a text block.');
}
/** Bedrock requires every toolUse id to be unique across the conversation, not only a turn. */
function checkUniqueToolUseIds(messages, report) {
    const first = new Map();
    messages.forEach((message, m) => {
        (message.content ?? []).forEach((block, b) => {
            const id = block.toolUse?.toolUseId;
            if (typeof id !== 'string')
                return;
            const path = `messages[${m}].content[${b}]`;
            const earlier = first.get(id);
            if (earlier === undefined)
                first.set(id, path);
            else
                report(`${path}.toolUse.toolUseId`, 'duplicate_tool_use_id', `toolUseId "${id}" is already used by ${earlier}; toolUse ids must be unique across the conversation.`);
        });
    });
}
function checkMessages(messages, report) {
    if (messages.length === 0)
        report('messages', 'no_messages', 'at least one message is required.');
    checkUniqueToolUseIds(messages, report);
    messages.forEach((message, m) => {
        const path = `messages[${m}]`;
        // The API reference's role enum is user | assistant | system.
        const role = message.role;
        if (role !== 'user' && role !== 'assistant' && role !== 'system')
            report(`${path}.role`, 'invalid_role', `role "${String(message.role)}" is not user, assistant or system.`);
        if (m === 0 && message.role !== 'user')
            report(`${path}.role`, 'first_message_not_user', 'the first message must be a user message.');
        if (m > 0 && messages[m - 1]?.role === message.role)
            report(`${path}.role`, 'roles_not_alternating', 'roles must alternate between user and assistant.');
        const content = message.content ?? [];
        if (content.length === 0)
            report(`${path}.content`, 'empty_content', 'a message needs at least one content block.');
        if (content[0]?.cachePoint !== undefined)
            report(`${path}.content[0]`, 'leading_cache_point', 'a cache point must follow other content.');
        content.forEach((block, b) => {
            checkBlock(block, `${path}.content[${b}]`, message.role, report);
        });
        checkAttachments(content, path, report);
        if (message.role === 'assistant') {
            const results = new Set(ids(messages[m + 1], 'toolResult'));
            for (const id of ids(message, 'toolUse')) {
                if (!results.has(id))
                    report(path, 'tool_use_without_result', `toolUse "${id}" has no toolResult in the next user message.`);
            }
        }
        else {
            const uses = new Set(ids(m > 0 ? messages[m - 1] : undefined, 'toolUse'));
            const seen = new Set();
            for (const id of ids(message, 'toolResult')) {
                if (!uses.has(id))
                    report(path, 'tool_result_without_use', `toolResult "${id}" answers no toolUse of the previous assistant message.`);
                if (seen.has(id))
                    report(path, 'duplicate_tool_result', `toolResult "${id}" appears twice.`);
                seen.add(id);
            }
        }
    });
}
function checkToolConfig(input, report) {
    const hasToolBlocks = (input.messages ?? []).some((m) => (m.content ?? []).some((b) => b.toolUse !== undefined || b.toolResult !== undefined));
    const config = input.toolConfig;
    if (config === undefined) {
        if (hasToolBlocks)
            report('toolConfig', 'missing_tool_config', 'the history holds tool blocks, so toolConfig is required.');
        return;
    }
    const names = new Set();
    const tools = config.tools ?? [];
    if (!tools.some((t) => t.toolSpec !== undefined || t.systemTool !== undefined))
        report('toolConfig.tools', 'no_tools', 'toolConfig needs at least one tool.');
    tools.forEach((tool, i) => {
        const spec = tool.toolSpec;
        if (spec === undefined)
            return;
        const path = `toolConfig.tools[${i}].toolSpec`;
        if (typeof spec.name !== 'string' || !isValidToolName(spec.name))
            report(`${path}.name`, 'invalid_tool_name', `tool name "${String(spec.name)}" must match [a-zA-Z0-9_-]{1,64}.`);
        else if (names.has(spec.name))
            report(`${path}.name`, 'duplicate_tool_name', `tool name "${spec.name}" is defined twice.`);
        names.add(String(spec.name));
        if (spec.description !== undefined && spec.description.trim() === '')
            report(`${path}.description`, 'blank_description', 'a tool description must not be blank.');
        const schema = spec.inputSchema?.json;
        if (typeof schema !== 'object' || schema === null || schema.type !== 'object')
            report(`${path}.inputSchema.json`, 'invalid_input_schema', 'the input schema must be a JSON object schema with type "object".');
    });
    const chosen = config.toolChoice?.tool?.name;
    if (chosen !== undefined && !names.has(chosen))
        report('toolConfig.toolChoice.tool.name', 'unknown_tool_choice', `toolChoice names "${chosen}", which is not among the tools.`);
}
function checkRest(input, report) {
    (input.system ?? []).forEach((block, i) => {
        if (block.text !== undefined && block.text.trim() === '')
            report(`system[${i}].text`, 'blank_text', 'system text must not be blank.');
    });
    const config = input.inferenceConfig;
    if (config?.maxTokens !== undefined &&
        (!Number.isInteger(config.maxTokens) || config.maxTokens < 1))
        report('inferenceConfig.maxTokens', 'invalid_max_tokens', 'maxTokens must be a positive integer.');
    if (config?.temperature !== undefined && !(config.temperature >= 0 && config.temperature <= 1))
        report('inferenceConfig.temperature', 'invalid_temperature', 'temperature must be within 0..1.');
    if (config?.topP !== undefined && !(config.topP >= 0 && config.topP <= 1))
        report('inferenceConfig.topP', 'invalid_top_p', 'topP must be within 0..1.');
    (config?.stopSequences ?? []).forEach((s, i) => {
        if (s === '')
            report(`inferenceConfig.stopSequences[${i}]`, 'empty_stop_sequence', 'stop sequences must not be empty.');
    });
    const metadata = Object.entries(input.requestMetadata ?? {});
    if (metadata.length > 16)
        report('requestMetadata', 'too_much_metadata', 'at most 16 metadata entries.');
    for (const [key, value] of metadata) {
        if (key === '' ||
            key.length > 256 ||
            !METADATA_TEXT.test(key) ||
            value.length > 256 ||
            !METADATA_TEXT.test(value))
            report(`requestMetadata.${key}`, 'invalid_metadata', 'metadata keys/values: at most 256 of letters, digits, whitespace and :_@$#=/+,-.');
    }
    const names = new Set();
    (input.messages ?? []).forEach((m, i) => {
        (m.content ?? []).forEach((b, j) => {
            const name = b.document?.name?.toLowerCase();
            if (name === undefined)
                return;
            if (names.has(name))
                report(`messages[${i}].content[${j}].document.name`, 'duplicate_document_name', `document name "${b.document?.name}" is used twice.`);
            names.add(name);
        });
    });
}
/**
 * Checks a Converse input against the rules Bedrock is known to enforce (alternation, first
 * user turn, blank text, toolUse/toolResult pairing, toolUse ids valid and unique across the
 * conversation, tool names, image formats and bytes,
 * document names, toolConfig present when the history has tool blocks, ...). Returns every
 * problem found; an empty list means none of the known rules is broken.
 */
export function validateConverseInput(input) {
    const problems = [];
    const report = (path, code, message) => problems.push({ path, code, message: `${path}: ${message}` });
    checkMessages(input.messages ?? [], report);
    checkToolConfig(input, report);
    checkRest(input, report);
    checkRequestLimits(input, report);
    return problems;
}
/** Like `validateConverseInput`, but throws a `validation` BedrockBridgeError listing the problems. */
export function assertValidConverseInput(input) {
    const problems = validateConverseInput(input);
    const first = problems[0];
    if (first === undefined)
        return;
    const error = invalidRequest('invalid_converse_input', first.path, problems.map((p) => p.message).join('\n'));
    Object.assign(error, { problems });
    throw error;
}
