import { inputToArguments, RAW_ARGUMENTS_KEY } from './tool-arguments.js';
/** How a raw-arguments wrapper starts, without whitespace. */
const WRAPPER_START = `{"${RAW_ARGUMENTS_KEY}":`;
const WHITESPACE = /\s+/g;
/**
 * The argument fragments of one streamed tool call. Fragments pass straight through, except when
 * the text so far may be a `{"__raw_arguments": "..."}` wrapper (a model copying the shape it saw
 * in its history): that text is held back and, at the end of the block, given out unwrapped —
 * exactly the string `fromConverseOutput` gives for the same answer. Holding stops as soon as
 * the text cannot be a wrapper (for normal arguments, within the first few characters).
 */
export class StreamedArguments {
    #held = '';
    /** Whether fragments are still being held back. */
    #holding = true;
    /** The held text starts like a wrapper: hold it to the end and decide there. */
    #candidate = false;
    /** Characters received so far. */
    length = 0;
    /** Takes a fragment; returns the text to send now (possibly `''`). */
    push(fragment) {
        this.length += fragment.length;
        if (!this.#holding)
            return fragment;
        this.#held += fragment;
        if (this.#candidate)
            return '';
        const compact = this.#held.replace(WHITESPACE, '');
        if (compact.length < WRAPPER_START.length && WRAPPER_START.startsWith(compact))
            return '';
        if (compact.startsWith(WRAPPER_START)) {
            this.#candidate = true;
            return '';
        }
        this.#holding = false;
        const out = this.#held;
        this.#held = '';
        return out;
    }
    /** Ends the block; returns the text still to send (the unwrapped string for a wrapper). */
    end() {
        const held = this.#held;
        this.#held = '';
        this.#holding = false;
        if (!this.#candidate)
            return held;
        this.#candidate = false;
        try {
            return inputToArguments(JSON.parse(held));
        }
        catch {
            return held;
        }
    }
}
