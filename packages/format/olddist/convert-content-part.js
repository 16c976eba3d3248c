import { cacheTtl, hasCacheMarker } from './conversion-state.js';
import { fileToDocument } from './document-block.js';
import { imageFormatOf, parseDataUrl } from './image-bytes.js';
import { invalidRequest } from './invalid-request.js';
/** A text block, or nothing when the text is empty or whitespace only (Bedrock rejects those). */
export function textBlocks(text) {
    return text.trim() === '' ? [] : [{ text }];
}
/** A cache point block (with the marker's TTL when it has one). */
export function cachePointBlock(ttl) {
    return { cachePoint: ttl === undefined ? { type: 'default' } : { type: 'default', ttl } };
}
function lookupImageBytes(ctx, url) {
    const source = ctx.options.imageBytes;
    if (source === undefined)
        return undefined;
    if (source instanceof Map)
        return source.get(url);
    const record = source;
    return Object.hasOwn(record, url) ? record[url] : undefined;
}
function imageBlock(url, ctx, param) {
    if (typeof url !== 'string' || url === '') {
        throw invalidRequest('invalid_image_url', param, `${param}.image_url.url must be a non-empty string.`);
    }
    const data = parseDataUrl(url, param);
    if (data !== undefined) {
        const format = imageFormatOf(data.bytes, data.mediaType, param);
        return { image: { format, source: { bytes: data.bytes } } };
    }
    const fetched = lookupImageBytes(ctx, url);
    if (fetched === undefined) {
        throw invalidRequest('remote_image_not_fetched', param, `${param} is a remote image URL (${url.slice(0, 100)}). Bedrock takes image bytes and this ` +
            'package does no I/O: fetch the image yourself and pass its bytes in the `imageBytes` ' +
            'option (a Map from URL to Uint8Array; `listRemoteImageUrls(request)` lists the URLs), ' +
            'or send the image as a base64 data URL.');
    }
    return { image: { format: imageFormatOf(fetched, '', param), source: { bytes: fetched } } };
}
/** Converse's limits per request (API reference, `Message.content`). */
const MAX_IMAGES = 20;
const MAX_DOCUMENTS = 5;
function countAttachment(ctx, kind, param) {
    ctx.attachments[kind]++;
    const max = kind === 'images' ? MAX_IMAGES : MAX_DOCUMENTS;
    if (ctx.attachments[kind] > max) {
        throw invalidRequest(kind === 'images' ? 'too_many_images' : 'too_many_documents', param, `${param}: Bedrock takes at most ${max} ${kind} in one request (counted over all messages).`);
    }
}
function uniqueDocumentName(ctx, name) {
    let unique = name;
    for (let n = 2; ctx.documentNames.has(unique.toLowerCase()); n++)
        unique = `${name} (${n})`;
    ctx.documentNames.add(unique.toLowerCase());
    return unique;
}
/**
 * One user content part -> Converse blocks (none for blank text), followed by a cache point
 * when the part carries a marker and the model caches message content.
 */
export function convertUserPart(part, ctx, param) {
    if (typeof part === 'string')
        return textBlocks(part);
    if (typeof part !== 'object' || part === null) {
        throw invalidRequest('invalid_content_part', param, `${param} must be an object with a "type".`);
    }
    const p = part;
    let blocks;
    switch (p.type) {
        case 'text':
            if (typeof p.text !== 'string') {
                throw invalidRequest('invalid_content_part', param, `${param}.text must be a string.`);
            }
            blocks = textBlocks(p.text);
            break;
        case 'image_url':
            countAttachment(ctx, 'images', param);
            blocks = [imageBlock(p.image_url?.url, ctx, param)];
            break;
        case 'file': {
            countAttachment(ctx, 'documents', param);
            const document = fileToDocument((p.file ?? {}), `document-${ctx.documentNames.size + 1}`, param);
            document.name = uniqueDocumentName(ctx, document.name);
            blocks = [{ document }];
            break;
        }
        case 'refusal':
            blocks = typeof p.refusal === 'string' ? textBlocks(p.refusal) : [];
            break;
        default: {
            const type = typeof p.type === 'string' ? `"${p.type}"` : 'without a type';
            const hint = p.type === 'input_audio'
                ? ' Bedrock Converse takes no audio input.'
                : ' Supported parts: text, image_url, file.';
            throw invalidRequest('unsupported_content_part', param, `${param}: content part ${type} is not supported.${hint}`);
        }
    }
    if (blocks.length > 0 && hasCacheMarker(part) && ctx.cacheAllowed('messages')) {
        blocks.push(cachePointBlock(cacheTtl(part)));
    }
    return blocks;
}
/** Message content (string or parts) -> blocks, every part converted with its own `param`. */
export function convertUserContent(content, ctx, param) {
    if (content === null || content === undefined)
        return [];
    if (typeof content === 'string')
        return textBlocks(content);
    if (!Array.isArray(content)) {
        throw invalidRequest('invalid_content', param, `${param} must be a string or an array of parts.`);
    }
    const blocks = [];
    for (let i = 0; i < content.length; i++) {
        for (const block of convertUserPart(content[i], ctx, `${param}[${i}]`))
            blocks.push(block);
    }
    return blocks;
}
/** Text of a text-only content (tool results, system prompts), parts joined with newlines. */
export function textOfContent(content, param) {
    if (content === null || content === undefined)
        return '';
    if (typeof content === 'string')
        return content;
    if (!Array.isArray(content)) {
        throw invalidRequest('invalid_content', param, `${param} must be a string or an array of text parts.`);
    }
    return content
        .map((part, i) => {
        const p = part;
        if (typeof part === 'string')
            return part;
        if (p?.type === 'text' && typeof p.text === 'string')
            return p.text;
        throw invalidRequest('unsupported_content_part', `${param}[${i}]`, `${param}[${i}]: only text parts are allowed here.`);
    })
        .join('\n');
}
