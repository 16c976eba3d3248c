import type { DocumentFormat } from '@aws-sdk/client-bedrock-runtime';
export declare function isValidDocumentName(name: string): boolean;
/**
 * A valid, readable Bedrock document name from a file name (extension dropped). Accented
 * letters keep their base letter (`résumé` -> `resume`); other characters Bedrock refuses
 * become hyphens.
 */
export declare function toDocumentName(filename: string | undefined, fallback: string): string;
/** An OpenAI `file` content part -> a Converse document block. */
export declare function fileToDocument(file: {
    file_data?: string;
    file_id?: string;
    filename?: string;
}, fallbackName: string, param: string): {
    format: DocumentFormat;
    name: string;
    source: {
        bytes: Uint8Array;
    };
};
