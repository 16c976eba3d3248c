/**
 * The argument fragments of one streamed tool call. Fragments pass straight through, except when
 * the text so far may be a `{"__raw_arguments": "..."}` wrapper (a model copying the shape it saw
 * in its history): that text is held back and, at the end of the block, given out unwrapped —
 * exactly the string `fromConverseOutput` gives for the same answer. Holding stops as soon as
 * the text cannot be a wrapper (for normal arguments, within the first few characters).
 */
export declare class StreamedArguments {
    #private;
    /** Characters received so far. */
    length: number;
    /** Takes a fragment; returns the text to send now (possibly `''`). */
    push(fragment: string): string;
    /** Ends the block; returns the text still to send (the unwrapped string for a wrapper). */
    end(): string;
}
