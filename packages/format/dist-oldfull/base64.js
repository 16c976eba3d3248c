import { invalidRequest } from './invalid-request.js';
const WHITESPACE = /\s+/g;
/**
 * True when Node decoded every character of `text`: its decoder silently skips characters that
 * are not base64 (or stops at a misplaced `=`), so a shorter result than the length the text
 * announces means garbage. A length of 4n+1 can never be base64. This check costs nothing next
 * to the decode, unlike a regular expression over a multi-kilobyte image.
 */
function decodedWhole(text, bytes) {
    return text.length % 4 !== 1 && bytes.length === Buffer.byteLength(text, 'base64');
}
/**
 * Decodes standard or URL-safe base64 (line breaks and spaces allowed) into a view of the
 * decoded buffer, without copying; throws a `validation` error naming `param` when the text is
 * not base64.
 */
export function decodeBase64(text, param) {
    let buffer = Buffer.from(text, 'base64');
    if (!decodedWhole(text, buffer)) {
        const clean = text.replace(WHITESPACE, '');
        buffer = clean.length === text.length ? buffer : Buffer.from(clean, 'base64');
        if (!decodedWhole(clean, buffer)) {
            throw invalidRequest('invalid_base64', param, `${param} is not valid base64 data.`);
        }
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
/** Encodes bytes as standard base64. */
export function encodeBase64(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
/**
 * Bytes as base64: a `Uint8Array` (what the SDK delivers) is encoded; a string (the same field
 * parsed from raw JSON, where blobs are base64 text) is checked and returned canonical.
 */
export function bytesToBase64(value, param) {
    if (typeof value === 'string')
        return encodeBase64(decodeBase64(value, param));
    return encodeBase64(value);
}
