export declare function isValidToolName(name: string): boolean;
export declare function isValidToolUseId(id: string): boolean;
/**
 * A reversible mapping between OpenAI tool names and Bedrock-valid ones. Valid names are kept;
 * others get a readable prefix plus a fingerprint, and `toOriginal` restores them in answers.
 */
export declare class ToolNameMap {
    #private;
    /** The Bedrock name for an OpenAI name (stable across calls and requests). */
    toBedrock(original: string): string;
    /** Only the renamed entries, Bedrock name -> original name (what answers need). */
    renamed(): Record<string, string>;
}
/** A Bedrock-valid tool-use id for an OpenAI tool-call id (deterministic, so results still match). */
export declare function toBedrockToolUseId(id: string): string;
/** The original name for a Bedrock tool name, given the map `toConverseInput` returned. */
export declare function restoreToolName(name: string, toolNames: Readonly<Record<string, string>> | undefined): string;
