import type { ErrorKind } from './error-kind.js';

/** The kind an HTTP status means when nothing else (name, code, message) decided. */
export function kindFromStatus(status: number): ErrorKind {
  switch (status) {
    case 400:
    case 409:
    case 413:
    case 422:
      return 'validation';
    case 401:
      return 'auth';
    case 403:
      return 'access_denied';
    case 404:
      return 'model_not_found';
    case 408:
      return 'timeout';
    case 424:
      return 'overloaded';
    case 429:
      return 'rate_limit';
    default:
      return status >= 500 ? 'overloaded' : 'unknown';
  }
}
