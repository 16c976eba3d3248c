import type { BuiltClient, ClientSettings } from './build-client.js';
import type { CallContext } from './call-context.js';
import type { ClientPool } from './client-pool.js';

/** What a unary call needs: where to lease its client and how to send on it. */
export interface UnaryPlan<T> {
  pool: ClientPool;
  settings: ClientSettings;
  send: (built: BuiltClient, abortSignal: AbortSignal) => Promise<T>;
  /** First-byte deadline when the caller set none. Default `TRANSPORT_DEFAULTS.firstByteMs`. */
  firstByteMs?: number;
}

/**
 * Runs one request/response call (Converse, or a control-plane command) with attempts, deadlines,
 * eviction and retries. Resolves with the answer or throws a classified `BedrockBridgeError`.
 */
export async function runUnary<T>(call: CallContext, plan: UnaryPlan<T>): Promise<T> {
  for (;;) {
    const attempt = call.newAttempt(true, plan.firstByteMs);
    let lease: ReturnType<ClientPool['lease']>;
    try {
      lease = plan.pool.lease(plan.settings);
    } catch (err) {
      attempt.dispose();
      throw call.fail(call.failureOf(err, attempt));
    }
    call.emit({
      type: 'attempt',
      protocol: lease.built.protocol,
      region: plan.settings.region,
      firstByteMs: attempt.firstByteMs,
    });
    try {
      attempt.armFirstByte();
      const out = await Promise.race([plan.send(lease.built, attempt.signal), attempt.stopped]);
      attempt.complete();
      attempt.dispose();
      lease.release();
      call.succeed();
      return out;
    } catch (err) {
      const error = call.failureOf(err, attempt);
      attempt.dispose();
      await call.afterFailure(error, lease, false);
    }
  }
}
