import type { StreamEvent } from './types.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Bedrock pads every stream event's payload with a `p` member of varying length (a prefix of
 * the alphanumerics) so that frame sizes do not reveal token lengths; SDKs ignore it. The
 * emulator varies it deterministically with the event's position.
 */
export function padding(position: number): string {
  return ALPHABET.slice(0, 1 + ((position * 7 + 3) % ALPHABET.length));
}

/** `events` with a `p` member added to each event payload (exceptions are left alone). */
export function withPadding(events: StreamEvent[]): StreamEvent[] {
  return events.map((event, i) => {
    const [type, payload] = Object.entries(event)[0] ?? [];
    if (type === undefined || type.endsWith('Exception')) return event;
    return { [type]: { ...(payload as Record<string, unknown>), p: padding(i) } };
  });
}
