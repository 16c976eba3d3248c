import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

function clocked(options: {
  failureThreshold?: number;
  cooldownMs?: number;
  maxCooldownMs?: number;
}) {
  let now = 1_000_000;
  const breaker = new CircuitBreaker({ ...options, now: () => now });
  return { breaker, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures, and a success in between restarts the count', () => {
    const { breaker } = clocked({ failureThreshold: 3, cooldownMs: 1000 });
    expect(breaker.failure()).toBeUndefined();
    expect(breaker.failure()).toBeUndefined();
    breaker.success();
    expect(breaker.failure()).toBeUndefined();
    expect(breaker.failure()).toBeUndefined();
    expect(breaker.state).toBe('closed');
    expect(breaker.failure()).toBe(1000);
    expect(breaker.state).toBe('open');
    expect(breaker.acquire()).toBe(false);
  });

  it('lets one probe through when the cool-down ends; its success closes the circuit', () => {
    const { breaker, advance } = clocked({ failureThreshold: 1, cooldownMs: 1000 });
    breaker.failure();
    advance(999);
    expect(breaker.available).toBe(false);
    advance(1);
    expect(breaker.state).toBe('half-open');
    expect(breaker.acquire()).toBe(true);
    // a second caller does not get the probe slot
    expect(breaker.available).toBe(false);
    expect(breaker.acquire()).toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.acquire()).toBe(true);
  });

  it('doubles the cool-down when a probe fails, up to the ceiling, and starts again from the base after a success', () => {
    const { breaker, advance } = clocked({
      failureThreshold: 1,
      cooldownMs: 1000,
      maxCooldownMs: 3000,
    });
    expect(breaker.failure()).toBe(1000);
    advance(1000);
    breaker.acquire();
    expect(breaker.failure()).toBe(2000);
    advance(2000);
    breaker.acquire();
    expect(breaker.failure()).toBe(3000);
    advance(3000);
    breaker.acquire();
    breaker.success();
    expect(breaker.failure()).toBe(1000);
  });

  it('does not extend a cool-down for failures of calls that started before it opened', () => {
    const { breaker } = clocked({ failureThreshold: 1, cooldownMs: 1000 });
    breaker.failure();
    const until = breaker.openUntil;
    expect(breaker.failure()).toBeUndefined();
    expect(breaker.openUntil).toBe(until);
  });

  it('keeps an open circuit open when a call let through before it opened succeeds', () => {
    const { breaker } = clocked({ failureThreshold: 1, cooldownMs: 1000 });
    breaker.coolUntil(1_000_000 + 1000);
    breaker.success();
    expect(breaker.state).toBe('open');
  });

  it('opens at once on a timeout or an unreachable endpoint, whatever the threshold', () => {
    const { breaker } = clocked({ failureThreshold: 5, cooldownMs: 1000 });
    expect(breaker.failure('rate_limit')).toBeUndefined();
    expect(breaker.failure('timeout')).toBe(1000);
    expect(breaker.state).toBe('open');
  });

  it('frees the probe slot of a cancelled call', () => {
    const { breaker, advance } = clocked({ failureThreshold: 1, cooldownMs: 10 });
    breaker.failure();
    advance(10);
    expect(breaker.acquire()).toBe(true);
    breaker.release();
    expect(breaker.acquire()).toBe(true);
  });

  it('takes a cool-down learned elsewhere only when it ends later than now', () => {
    const { breaker, advance } = clocked({});
    breaker.coolUntil(1_000_000 - 1);
    expect(breaker.state).toBe('closed');
    breaker.coolUntil(1_000_000 + 500);
    expect(breaker.state).toBe('open');
    advance(500);
    expect(breaker.state).toBe('half-open');
  });
});
