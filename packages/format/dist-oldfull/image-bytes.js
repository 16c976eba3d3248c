import { decodeBase64 } from './base64.js';
import { invalidRequest } from './invalid-request.js';
/** Parses `data:[<media type>][;base64],<data>`; returns undefined when `url` is not a data URL. */
export function parseDataUrl(url, param) {
    if (!url.startsWith('data:'))
        return undefined;
    const comma = url.indexOf(',');
    if (comma < 0) {
        throw invalidRequest('invalid_data_url', param, `${param} is a data URL without a comma.`);
    }
    const header = url.slice(5, comma);
    const data = url.slice(comma + 1);
    const params = header.split(';');
    const mediaType = (params[0] ?? '').trim().toLowerCase();
    const isBase64 = params.slice(1).some((p) => p.trim().toLowerCase() === 'base64');
    if (isBase64)
        return { mediaType, bytes: decodeBase64(data, param) };
    let decoded;
    try {
        decoded = decodeURIComponent(data);
    }
    catch {
        throw invalidRequest('invalid_data_url', param, `${param} has invalid percent-encoding.`);
    }
    return { mediaType, bytes: new TextEncoder().encode(decoded) };
}
/** Identifies an image by its magic number; undefined when it is none of the Converse formats. */
export function sniffImageFormat(bytes) {
    const b = bytes;
    if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
        if (b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a)
            return 'png';
    }
    if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)
        return 'jpeg';
    if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) {
        if ((b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61)
            return 'gif';
    }
    if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46) {
        if (b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50)
            return 'webp';
    }
    return undefined;
}
/**
 * Checks image bytes and returns their real format. The bytes decide, not the label: a PNG
 * labelled `image/jpeg` is sent as PNG; bytes that are no PNG/JPEG/GIF/WebP are rejected.
 */
export function imageFormatOf(bytes, label, param) {
    const format = sniffImageFormat(bytes);
    if (format !== undefined)
        return format;
    const said = label === '' ? 'no media type' : `media type "${label}"`;
    throw invalidRequest('unsupported_image_format', param, `${param}: the image (${said}, ${bytes.length} bytes) is not PNG, JPEG, GIF or WebP; ` +
        'Bedrock accepts only those four formats.');
}
