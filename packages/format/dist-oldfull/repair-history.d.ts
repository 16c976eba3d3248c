import type { Message } from '@aws-sdk/client-bedrock-runtime';
import type { ConversionState } from './conversion-state.js';
import type { HistoryItem } from './convert-messages.js';
/** Visible placeholders, used only where Converse needs a block and the request has none. */
export declare const PLACEHOLDERS: {
    /** A tool call that never got a result. */
    readonly missingToolResult: "No result was provided for this tool call.";
    /** A tool result whose content was empty. */
    readonly emptyToolResult: "(empty result)";
    /** Inserted when the conversation would start with an assistant turn. */
    readonly conversationStart: "(conversation start)";
    /** Appended after a trailing assistant turn when the model takes no prefill. */
    readonly continueAfterAssistant: "(continue)";
    /** Sent when the request holds no user or assistant content at all. */
    readonly emptyConversation: "(empty conversation)";
    /** Added to a user turn that holds a document but no text (Converse requires a text block). */
    readonly documentWithoutText: "(document attached)";
};
/** What `repairHistory` needs to know besides the context. */
export interface RepairOptions {
    /** Whether tools are offered; when not, tool blocks are rendered as text. */
    toolsOffered: boolean;
    /**
     * Why a trailing assistant message may not be a prefill although the model supports prefill
     * (e.g. Anthropic thinking is on); it is then handled as without `supportsPrefill`, with a
     * `warnings` entry. Unset: `supportsPrefill` decides.
     */
    prefillBlockedBy?: string;
}
/**
 * Makes a history Converse accepts, without losing content:
 * consecutive same-role turns merged; each turn's tool results grouped (in call order, before
 * any other user content) into the user turn right after the assistant turn that called them;
 * a result answers the first waiting call with its id in the latest turn that has one (tool-call
 * ids may repeat; the calls already got unique Bedrock ids); a call without a result gets an
 * error result saying so; a result without a matching earlier call becomes user text; the first
 * turn is a user turn; a trailing assistant turn is kept as a prefill only when `supportsPrefill`
 * and nothing blocks it; tool blocks become text when no tools are offered; a user turn with a
 * document but no text gets a placeholder text.
 */
export declare function repairHistory(items: readonly HistoryItem[], ctx: ConversionState, repair: RepairOptions): Message[];
