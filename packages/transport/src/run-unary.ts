import type { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { HttpHandlerOptions } from '@smithy/types';
import type { BuiltClient, ClientSettings } from './build-client.js';
import type { CallContext } from './call-context.js';
import type { ClientPool } from './client-pool.js';

/** What a unary call needs: where to lease its client and how to send on it. */
export interface UnaryPlan<T> {
  pool: ClientPool;
  settings: ClientSettings;
  /** Sends on the leased client; `options` (the attempt's signal and hooks) go to `send()` as is. */
  send: (built: BuiltClient, options: HttpHandlerOptions) => Promise<T>;
  /** First-byte deadline when the caller set none. Default `TRANSPORT_DEFAULTS.firstByteMs`. */
  firstByteMs?: number;
}

/**
 * Runs one request/response call (Converse, or a control-plane command) with attempts, deadlines,
 * eviction and retries. Resolves with the answer or throws a classified `BedrockBridgeError`.
 */
export async function runUnary<T>(call: CallContext, plan: UnaryPlan<T>): Promise<T> {
  for (;;) {
    const attempt = call.newAttempt(plan, true, plan.firstByteMs);
    let failure: BedrockBridgeError;
    try {
      attempt.armFirstByte();
      const out = await attempt.race(plan.send(attempt.built, attempt.sendOptions));
      attempt.complete();
      call.succeed();
      return out;
    } catch (err) {
      failure = call.failureOf(err, attempt);
    } finally {
      attempt.dispose();
    }
    await call.afterFailure(failure, false);
  }
}
