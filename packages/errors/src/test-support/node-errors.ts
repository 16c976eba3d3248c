/**
 * Builders for errors shaped exactly the way Node, undici and the AWS SDK's HTTP handlers
 * shape them (same class, name, code, errno, syscall, message), for the rows of the
 * classification table that cannot be produced for real on loopback in a unit test.
 */

/** A Node system error as `net`/`dns` raise it, e.g. `read ECONNRESET`. */
export function systemError(
  code: string,
  syscall: string,
  errno: number,
  extra: Record<string, unknown> = {},
): Error {
  const address = typeof extra.address === 'string' ? ` ${extra.address}` : '';
  const port = typeof extra.port === 'number' ? `:${extra.port}` : '';
  return Object.assign(new Error(`${syscall} ${code}${address}${port}`), {
    code,
    errno,
    syscall,
    ...extra,
  });
}

/** A Node internal error (`ERR_*` codes) as `node:internal/errors` builds it. */
export function internalError(code: string, message: string, cause?: unknown): Error {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  return Object.assign(error, { code, name: 'Error' });
}

/** An error with a given `name` (how the SDK's handlers rename errors, e.g. `TimeoutError`). */
export function namedError(
  name: string,
  message: string,
  extra: Record<string, unknown> = {},
): Error {
  return Object.assign(new Error(message), { name, ...extra });
}
