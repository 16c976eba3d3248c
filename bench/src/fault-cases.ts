import type { Fault } from '@bedrock-bridge/emulator';
import type { FaultFamily } from './outcome.js';

/** One column of the fault table. */
export interface FaultCase {
  id: string;
  /** Column title. */
  label: string;
  family: FaultFamily;
  /** Which call the cell makes. */
  mode: 'stream' | 'converse';
  fault: Fault;
  /** Whether the "own timeout option set" row applies (silent-server faults). */
  timeoutRow: boolean;
  /** The fault ends the stream cleanly but without `messageStop`. */
  endMarkerMissing?: boolean;
}

/** Stream events the emulator sends before a mid-stream fault: a few text deltas have reached the caller. */
const MID = 10;

/** The fault columns for streaming calls (the question users ask most). */
export const STREAM_FAULTS: FaultCase[] = [
  {
    id: 'stale',
    label: 'stale keep-alive socket',
    family: 'connection',
    mode: 'stream',
    fault: { type: 'stale-keep-alive', operation: 'converse-stream' },
    timeoutRow: false,
  },
  {
    id: 'cut',
    label: 'TCP cut mid-stream',
    family: 'connection',
    mode: 'stream',
    fault: { type: 'cut', afterEvents: MID, operation: 'converse-stream' },
    timeoutRow: false,
  },
  {
    id: 'reset',
    label: 'reset mid-stream',
    family: 'connection',
    mode: 'stream',
    fault: { type: 'reset', afterEvents: MID, operation: 'converse-stream' },
    timeoutRow: false,
  },
  {
    id: 'stall',
    label: 'stall mid-stream',
    family: 'timeout',
    mode: 'stream',
    fault: { type: 'stall', afterEvents: MID, operation: 'converse-stream' },
    timeoutRow: true,
  },
  {
    id: 'blackhole',
    label: 'blackhole',
    family: 'timeout',
    mode: 'stream',
    fault: { type: 'blackhole', operation: 'converse-stream' },
    timeoutRow: true,
  },
  {
    id: 'no-stop',
    label: 'clean end without messageStop',
    family: 'truncation',
    mode: 'stream',
    fault: { type: 'no-message-stop', operation: 'converse-stream' },
    timeoutRow: false,
    endMarkerMissing: true,
  },
  {
    id: 'throttle',
    label: 'throttling (one 429)',
    family: 'throttling',
    mode: 'stream',
    fault: { type: 'throttling', operation: 'converse-stream' },
    timeoutRow: false,
  },
  {
    id: 'exception',
    label: 'in-stream throttlingException',
    family: 'throttling',
    mode: 'stream',
    fault: {
      type: 'stream-exception',
      exception: 'throttlingException',
      afterEvents: MID,
      operation: 'converse-stream',
    },
    timeoutRow: false,
  },
];

/** The same faults where they apply to a non-streaming Converse call. */
export const CONVERSE_FAULTS: FaultCase[] = [
  {
    id: 'stale',
    label: 'stale keep-alive socket',
    family: 'connection',
    mode: 'converse',
    fault: { type: 'stale-keep-alive', operation: 'converse' },
    timeoutRow: false,
  },
  {
    id: 'cut',
    label: 'TCP cut mid-body',
    family: 'connection',
    mode: 'converse',
    fault: { type: 'cut', operation: 'converse' },
    timeoutRow: false,
  },
  {
    id: 'reset',
    label: 'reset mid-body',
    family: 'connection',
    mode: 'converse',
    fault: { type: 'reset', operation: 'converse' },
    timeoutRow: false,
  },
  {
    id: 'stall',
    label: 'stall mid-body',
    family: 'timeout',
    mode: 'converse',
    fault: { type: 'stall', operation: 'converse' },
    timeoutRow: true,
  },
  {
    id: 'blackhole',
    label: 'blackhole',
    family: 'timeout',
    mode: 'converse',
    fault: { type: 'blackhole', operation: 'converse' },
    timeoutRow: true,
  },
  {
    id: 'throttle',
    label: 'throttling (one 429)',
    family: 'throttling',
    mode: 'converse',
    fault: { type: 'throttling', operation: 'converse' },
    timeoutRow: false,
  },
];
