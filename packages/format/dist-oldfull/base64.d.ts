/**
 * Decodes standard or URL-safe base64 (line breaks and spaces allowed) into a view of the
 * decoded buffer, without copying; throws a `validation` error naming `param` when the text is
 * not base64.
 */
export declare function decodeBase64(text: string, param: string): Uint8Array;
/** Encodes bytes as standard base64. */
export declare function encodeBase64(bytes: Uint8Array): string;
/**
 * Bytes as base64: a `Uint8Array` (what the SDK delivers) is encoded; a string (the same field
 * parsed from raw JSON, where blobs are base64 text) is checked and returned canonical.
 */
export declare function bytesToBase64(value: Uint8Array | string, param: string): string;
