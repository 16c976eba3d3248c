import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
/** One thing Bedrock would reject, with the path of the offending field. */
export interface ConverseInputProblem {
    /** e.g. `messages[2].content[0].toolResult.toolUseId` */
    path: string;
    code: string;
    message: string;
}
/**
 * Checks a Converse input against the rules Bedrock is known to enforce (alternation, first
 * user turn, blank text, toolUse/toolResult pairing, toolUse ids valid and unique across the
 * conversation, tool names, image formats and bytes,
 * document names, toolConfig present when the history has tool blocks, ...). Returns every
 * problem found; an empty list means none of the known rules is broken.
 */
export declare function validateConverseInput(input: ConverseStreamCommandInput): ConverseInputProblem[];
/** Like `validateConverseInput`, but throws a `validation` BedrockBridgeError listing the problems. */
export declare function assertValidConverseInput(input: ConverseStreamCommandInput): void;
