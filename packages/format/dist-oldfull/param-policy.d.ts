import type { ConversionState } from './conversion-state.js';
/**
 * What happens to a request field the target model cannot take as sent:
 * - `reject`: a `validation` error naming the field (`param`) and what to send instead.
 * - `drop`: the request goes through; an unsupported field is left out (listed in `dropped`),
 *   a value out of the model's range is clamped to it (a `warnings` entry names the field).
 */
export type ParamPolicy = 'drop' | 'reject';
/** The policy in force: `paramPolicy`, else the legacy `dropUnsupportedParams` flag, else reject. */
export declare function paramPolicyOf(ctx: ConversionState): ParamPolicy;
/**
 * A field the model cannot take: dropped (listed in `dropped`) under `drop`, else an error.
 * `reason` says why, for the reader of the error; it names no option of this package, because
 * the error may travel to an HTTP client that cannot set one.
 */
export declare function unsupportedParam(ctx: ConversionState, param: string, reason: string): void;
/**
 * A value the model takes only in another form (clamped to a range, a forced tool choice sent as
 * `auto`, ...): adjusted with a `warnings` entry that starts with the field under `drop`, else an
 * error with `code`.
 */
export declare function adjustedParam(ctx: ConversionState, adjustment: {
    param: string;
    code: string;
    reason: string;
    adjusted: string;
}): void;
/** A repair that changes what the model reads: always done, always named in `warnings`. */
export declare function repaired(ctx: ConversionState, note: string): void;
