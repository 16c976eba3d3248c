import { invalidRequest } from './invalid-request.js';
/** The policy in force: `paramPolicy`, else the legacy `dropUnsupportedParams` flag, else reject. */
export function paramPolicyOf(ctx) {
    return ctx.options.paramPolicy ?? (ctx.options.dropUnsupportedParams ? 'drop' : 'reject');
}
/**
 * A field the model cannot take: dropped (listed in `dropped`) under `drop`, else an error.
 * `reason` says why, for the reader of the error; it names no option of this package, because
 * the error may travel to an HTTP client that cannot set one.
 */
export function unsupportedParam(ctx, param, reason) {
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
export function adjustedParam(ctx, adjustment) {
    const { param, code, reason, adjusted } = adjustment;
    if (paramPolicyOf(ctx) === 'reject')
        throw invalidRequest(code, param, reason);
    ctx.warnings.push(`${param}: ${adjusted}`);
}
/** A repair that changes what the model reads: always done, always named in `warnings`. */
export function repaired(ctx, note) {
    if (!ctx.warnings.includes(note))
        ctx.warnings.push(note);
}
