import { parseDataUrl } from './image-bytes.js';
import { invalidRequest } from './invalid-request.js';
const BY_MEDIA_TYPE = {
    'application/pdf': 'pdf',
    'text/csv': 'csv',
    'application/msword': 'doc',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'application/vnd.ms-excel': 'xls',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
    'text/html': 'html',
    'text/plain': 'txt',
    'text/markdown': 'md',
    'text/x-markdown': 'md',
};
const BY_EXTENSION = {
    pdf: 'pdf',
    csv: 'csv',
    doc: 'doc',
    docx: 'docx',
    xls: 'xls',
    xlsx: 'xlsx',
    html: 'html',
    htm: 'html',
    txt: 'txt',
    md: 'md',
    markdown: 'md',
};
/** Bedrock document names: alphanumerics, single whitespace, hyphens, parentheses, brackets. */
const VALID_NAME = /^[a-zA-Z0-9\-()[\]]+( [a-zA-Z0-9\-()[\]]+)*$/;
const INVALID_NAME_CHARS = /[^a-zA-Z0-9\s\-()[\]]+/g;
export function isValidDocumentName(name) {
    return name.length <= 200 && VALID_NAME.test(name);
}
/**
 * A valid, readable Bedrock document name from a file name (extension dropped). Accented
 * letters keep their base letter (`résumé` -> `resume`); other characters Bedrock refuses
 * become hyphens.
 */
export function toDocumentName(filename, fallback) {
    const base = (filename ?? '')
        .replace(/\.[A-Za-z0-9]{1,8}$/, '')
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '');
    const cleaned = base.replace(INVALID_NAME_CHARS, '-').replace(/\s+/g, ' ').trim().slice(0, 180);
    const name = cleaned.replace(/^-+|-+$/g, '').trim();
    return name === '' ? fallback : name;
}
function startsWith(bytes, prefix) {
    return prefix.every((value, i) => bytes[i] === value);
}
/** The document format: PDF bytes are recognised by `%PDF-`, others by media type or extension. */
function documentFormat(bytes, mediaType, filename, param) {
    if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
        return 'pdf';
    const byType = BY_MEDIA_TYPE[mediaType];
    const extension = filename?.split('.').pop()?.toLowerCase() ?? '';
    const format = byType ?? BY_EXTENSION[extension];
    if (format === undefined || format === 'pdf') {
        const what = mediaType || (extension ? `.${extension}` : 'unknown type');
        throw invalidRequest('unsupported_file_format', param, `${param}: file of ${what} is not a document Bedrock accepts ` +
            '(pdf, csv, doc, docx, xls, xlsx, html, txt, md).');
    }
    return format;
}
/** An OpenAI `file` content part -> a Converse document block. */
export function fileToDocument(file, fallbackName, param) {
    if (typeof file.file_data !== 'string' || file.file_data === '') {
        const why = file.file_id === undefined
            ? 'has no file_data'
            : `refers to file_id "${file.file_id}", but Bedrock has no file store`;
        throw invalidRequest('unsupported_file_reference', param, `${param} ${why}; send the file inline as file_data (a base64 data URL).`);
    }
    const parsed = parseDataUrl(file.file_data, param) ?? {
        mediaType: '',
        bytes: parseDataUrl(`data:;base64,${file.file_data}`, param)?.bytes ?? new Uint8Array(),
    };
    if (parsed.bytes.length === 0) {
        throw invalidRequest('empty_file', param, `${param}: the file is empty.`);
    }
    const format = documentFormat(parsed.bytes, parsed.mediaType, file.filename, param);
    return {
        format,
        name: toDocumentName(file.filename, fallbackName),
        source: { bytes: parsed.bytes },
    };
}
