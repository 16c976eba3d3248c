import { sniffImageFormat } from './image-bytes.js';
import { isValidToolName, isValidToolUseId } from './tool-names.js';
const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);
const DOCUMENT_FORMATS = new Set(['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md']);
const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
const MAX_DOCUMENT_BYTES = 4.5 * 1024 * 1024;
/**
 * What Bedrock accepts as a document name: letters, digits, whitespace (never two in a row),
 * hyphens, parentheses, square brackets and underscores, 1-200 characters. (The names this
 * package makes are stricter: `isValidDocumentName`.)
 */
const ACCEPTED_DOCUMENT_NAME = /^(?!.*\s\s)[a-zA-Z0-9_\s\-()[\]]{1,200}$/;
function isAcceptedDocumentName(name) {
    return ACCEPTED_DOCUMENT_NAME.test(name);
}
const MEMBERS = [
    'text',
    'image',
    'document',
    'toolUse',
    'toolResult',
    'reasoningContent',
    'cachePoint',
    'citationsContent',
    'guardContent',
    'video',
    'audio',
    'searchResult',
];
/** Checks one content block of a message with the given role. */
export function checkBlock(block, path, role, report) {
    const members = MEMBERS.filter((m) => block[m] !== undefined);
    if (members.length !== 1) {
        report(path, 'invalid_block', `a content block needs exactly one member (has ${members.length ? members.join(', ') : 'none'}).`);
        return;
    }
    if (block.text !== undefined && (typeof block.text !== 'string' || block.text.trim() === '')) {
        report(`${path}.text`, 'blank_text', 'text blocks must not be empty or whitespace only.');
    }
    if (block.image !== undefined) {
        const bytes = block.image.source?.bytes;
        if (!IMAGE_FORMATS.has(String(block.image.format)))
            report(`${path}.image.format`, 'invalid_image_format', `image format "${String(block.image.format)}" is not png, jpeg, gif or webp.`);
        if (!(bytes instanceof Uint8Array) || bytes.length === 0)
            report(`${path}.image.source.bytes`, 'missing_image_bytes', 'image blocks need non-empty bytes.');
        else {
            if (sniffImageFormat(bytes) !== block.image.format)
                report(`${path}.image.format`, 'image_format_mismatch', `the bytes are not a ${String(block.image.format)} image.`);
            if (bytes.length > MAX_IMAGE_BYTES)
                report(`${path}.image.source.bytes`, 'image_too_large', 'images may be at most 3.75 MB.');
        }
    }
    if (block.document !== undefined) {
        const { name, format, source } = block.document;
        if (typeof name !== 'string' || !isAcceptedDocumentName(name))
            report(`${path}.document.name`, 'invalid_document_name', `document name "${String(name)}" may hold only letters, digits, underscores, single whitespace characters, hyphens, parentheses and square brackets (1-200).`);
        const bytes = source?.bytes;
        if (bytes instanceof Uint8Array && bytes.length > MAX_DOCUMENT_BYTES)
            report(`${path}.document.source.bytes`, 'document_too_large', 'documents may be at most 4.5 MB.');
        if (!DOCUMENT_FORMATS.has(String(format)))
            report(`${path}.document.format`, 'invalid_document_format', `document format "${String(format)}" is not accepted.`);
        if (source?.bytes === undefined &&
            source?.text === undefined &&
            source?.s3Location === undefined &&
            source?.content === undefined)
            report(`${path}.document.source`, 'missing_document_source', 'documents need a source.');
        if (role !== 'user')
            report(path, 'document_not_in_user_turn', 'documents are allowed only in user turns.');
    }
    if (block.toolUse !== undefined) {
        const { toolUseId, name, input } = block.toolUse;
        if (role !== 'assistant')
            report(path, 'tool_use_not_in_assistant_turn', 'toolUse blocks are allowed only in assistant turns.');
        if (typeof toolUseId !== 'string' || !isValidToolUseId(toolUseId))
            report(`${path}.toolUse.toolUseId`, 'invalid_tool_use_id', `toolUseId "${String(toolUseId)}" must match [a-zA-Z0-9_.:-]{1,64}.`);
        if (typeof name !== 'string' || !isValidToolName(name))
            report(`${path}.toolUse.name`, 'invalid_tool_name', `tool name "${String(name)}" must match [a-zA-Z0-9_-]{1,64}.`);
        if (typeof input !== 'object' || input === null || Array.isArray(input))
            report(`${path}.toolUse.input`, 'invalid_tool_input', 'toolUse input must be a JSON object.');
    }
    if (block.toolResult !== undefined) {
        if (role !== 'user')
            report(path, 'tool_result_not_in_user_turn', 'toolResult blocks are allowed only in user turns.');
        const content = block.toolResult.content ?? [];
        if (content.length === 0)
            report(`${path}.toolResult.content`, 'empty_tool_result', 'toolResult content must not be empty.');
        content.forEach((c, i) => {
            if (c.text !== undefined && c.text.trim() === '')
                report(`${path}.toolResult.content[${i}].text`, 'blank_text', 'text must not be blank.');
        });
    }
    if (block.reasoningContent !== undefined && role !== 'assistant')
        report(path, 'reasoning_not_in_assistant_turn', 'reasoning blocks are allowed only in assistant turns.');
    const reasoningText = block.reasoningContent?.reasoningText;
    if (reasoningText !== undefined &&
        (typeof reasoningText.text !== 'string' || reasoningText.text === ''))
        report(`${path}.reasoningContent.reasoningText.text`, 'empty_reasoning_text', 'reasoning text must not be empty.');
}
