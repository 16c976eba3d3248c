import { cacheMarkOf } from './conversion-state.js';
import { convertUserPart } from './convert-content-part.js';
import { invalidRequest } from './invalid-request.js';
/**
 * A tool message's content -> `toolResult` content blocks: text parts as text (blank ones
 * dropped), image and file parts as the image and document blocks Converse takes inside a tool
 * result. A cache marker on the message or on any part asks for a cache point after the result
 * (cache points cannot sit inside it); the last marker's TTL wins.
 */
export function convertToolResult(message, ctx, param) {
    const content = [];
    let cache = cacheMarkOf(message);
    const raw = message.content;
    if (typeof raw === 'string') {
        if (raw.trim() !== '')
            content.push({ text: raw });
        return { content, cache };
    }
    if (raw === null || raw === undefined)
        return { content, cache };
    if (!Array.isArray(raw)) {
        throw invalidRequest('invalid_content', param, `${param} must be a string or an array of parts.`);
    }
    raw.forEach((part, i) => {
        const partParam = `${param}[${i}]`;
        cache = cacheMarkOf(part) ?? cache;
        const type = part?.type;
        if (typeof part === 'string' || type === 'text') {
            const text = typeof part === 'string' ? part : part.text;
            if (typeof text !== 'string') {
                throw invalidRequest('invalid_content_part', partParam, `${partParam}.text must be a string.`);
            }
            if (text.trim() !== '')
                content.push({ text });
            return;
        }
        if (type !== 'image_url' && type !== 'file') {
            throw invalidRequest('unsupported_content_part', partParam, `${partParam}: a tool result may hold text, image_url and file parts.`);
        }
        for (const block of convertUserPart(part, ctx, partParam)) {
            if (block.image !== undefined)
                content.push({ image: block.image });
            else if (block.document !== undefined)
                content.push({ document: block.document });
        }
    });
    return { content, cache };
}
