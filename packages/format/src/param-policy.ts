import type { ConversionState } from './conversion-state.js';
import { invalidRequest } from './invalid-request.js';

/**
 * What happens to a request field the target model cannot take as sent:
 * - `reject`: a `validation` error naming the field (`param`) and what to send instead.
 * - `drop`: the request goes through; an unsupported field is left out (listed in `dropped`),
 *   a value out of the model's range is clamped to it (a `warnings` entry names the field).
 */
export type ParamPolicy = 'drop' | 'reject';

/** The policy in force: `paramPolicy`, else the legacy `dropUnsupportedParams` flag, else reject. */
export function paramPolicyOf(ctx: ConversionState): ParamPolicy {
  return ctx.options.paramPolicy ?? (ctx.options.dropUnsupportedParams ? 'drop' : 'reject');
}

/**
 * A field the model cannot take: dropped (listed in `dropped`) under `drop`, else an error.
 * `reason` says why, for the reader of the error; it names no option of this package, because
 * the error may travel to an HTTP client that cannot set one.
 */
export function unsupportedParam(ctx: ConversionState, param: string, reason: string): void {
  if (paramPolicyOf(ctx) === 'reject') {
    throw invalidRequest('unsupported_parameter', param, `${reason} Leave out '${param}'.`);
  }
  ctx.dropped.push(param);
}

/**
 * A value the model takes only in another form (clamped to a range, a forced tool choice sent as
 * `auto`, ...): adjusted with a `warnings` entry that starts with the field under `drop`, else an
 * error with `code`.
 */
export function adjustedParam(
  ctx: ConversionState,
  adjustment: { param: string; code: string; reason: string; adjusted: string },
): void {
  const { param, code, reason, adjusted } = adjustment;
  if (paramPolicyOf(ctx) === 'reject') throw invalidRequest(code, param, reason);
  ctx.warnings.push(`${param}: ${adjusted}`);
}

/** A repair that changes what the model reads: always done, always named in `warnings`. */
export function repaired(ctx: ConversionState, note: string): void {
  if (!ctx.warnings.includes(note)) ctx.warnings.push(note);
}
