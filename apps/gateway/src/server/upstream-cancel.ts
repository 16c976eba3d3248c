import type { ServerResponse } from 'node:http';
import { BedrockBridgeError } from '@bedrock-bridge/errors';

/** The cancellation of one request's upstream call; see `upstreamCancel`. */
export interface UpstreamCancel {
  /** Aborts the upstream call; a shutdown aborts it through the `active` set. */
  readonly controller: AbortController;
  /**
   * A failure the abort caused, as the reason the abort was given (client gone, shutting down),
   * rather than a bare "aborted"; any other failure unchanged.
   */
  why(err: unknown): unknown;
  /** Stops watching the client and leaves the `active` set. Call once, when the answer is done. */
  release(): void;
}

/**
 * Ties one request's upstream call to its client: aborted the moment the client closes the
 * connection before the answer is finished, and registered in `active` (what a shutdown cancels
 * after its deadline) until `release()`.
 */
export function upstreamCancel(res: ServerResponse, active: Set<AbortController>): UpstreamCancel {
  const controller = new AbortController();
  const onClose = () => {
    if (res.writableFinished) return;
    controller.abort(
      new BedrockBridgeError({ kind: 'aborted', message: 'The client closed the connection.' }),
    );
  };
  res.once('close', onClose);
  active.add(controller);
  return {
    controller,
    why: (err) =>
      controller.signal.aborted && BedrockBridgeError.is(controller.signal.reason)
        ? controller.signal.reason
        : err,
    release: () => {
      active.delete(controller);
      res.off('close', onClose);
    },
  };
}
