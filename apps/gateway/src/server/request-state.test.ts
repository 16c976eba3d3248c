import { gatewayError } from '@bedrock-bridge/openai';
import { describe, expect, it } from 'vitest';
import { RequestState } from './request-state.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('RequestState', () => {
  it('writes one log line when the connection closes outside the handler', () => {
    let lines = 0;
    const state = new RequestState(() => lines++);
    state.connectionClosed(true);
    state.log();
    state.connectionClosed(true);
    expect(lines).toBe(1);
    expect(state.clientGone).toBe(false);
  });

  it('waits for the handler to settle when the client left mid-answer, then logs once', async () => {
    const seen: (string | undefined)[] = [];
    const state = new RequestState(() => seen.push(state.errorKind));
    state.enterHandler();
    state.connectionClosed(false);
    expect(seen).toEqual([]);
    expect(state.clientGone).toBe(true);
    state.leaveHandler();
    // The error handler records a thrown failure before the next turn.
    state.recordFailure(gatewayError(503, 'shutting down', { code: 'shutting_down' }));
    await nextTurn();
    state.log();
    expect(seen).toHaveLength(1);
    expect(state.errorStatus).toBe(503);
  });

  it('records a stream outcome and the warnings header of the notes', () => {
    const state = new RequestState();
    expect(state.recordNotes({ dropped: ['seed'], warnings: [] })).toContain('seed');
    state.recordStream({ ok: false, chunks: 3, error: new Error('gone'), clientGone: true });
    expect(state).toMatchObject({ chunks: 3, clientGone: true, dropped: ['seed'] });
  });
});
