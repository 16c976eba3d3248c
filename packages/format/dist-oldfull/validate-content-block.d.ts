import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
export type Report = (path: string, code: string, message: string) => void;
/** Checks one content block of a message with the given role. */
export declare function checkBlock(block: ContentBlock, path: string, role: string | undefined, report: Report): void;
