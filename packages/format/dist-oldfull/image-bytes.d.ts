/** The image formats Converse accepts. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
/** A decoded `data:` URL. */
export interface DataUrl {
    /** Lower-cased media type without parameters, `''` when absent. */
    mediaType: string;
    bytes: Uint8Array;
}
/** Parses `data:[<media type>][;base64],<data>`; returns undefined when `url` is not a data URL. */
export declare function parseDataUrl(url: string, param: string): DataUrl | undefined;
/** Identifies an image by its magic number; undefined when it is none of the Converse formats. */
export declare function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined;
/**
 * Checks image bytes and returns their real format. The bytes decide, not the label: a PNG
 * labelled `image/jpeg` is sent as PNG; bytes that are no PNG/JPEG/GIF/WebP are rejected.
 */
export declare function imageFormatOf(bytes: Uint8Array, label: string, param: string): ImageFormat;
