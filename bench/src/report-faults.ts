import type { FaultCase } from './fault-cases.js';
import type { CellResult } from './faults.js';
import { mdCell } from './md.js';
import { CLEAR_ERROR_PATTERNS } from './outcome.js';
import type { SystemDef } from './systems/system.js';

/** The row label of a (system, variant) pair. */
export function rowLabel(system: SystemDef, variant: 'default' | 'timeout'): string {
  return variant === 'default' ? system.label : `${system.label}, ${system.timeoutOption} set`;
}

function shortCell(c: CellResult): string {
  if (c.outcome === 'hang') {
    return c.late ? `hang (${c.late.outcome} at ${(c.late.ms / 1000).toFixed(0)} s)` : 'hang';
  }
  const extra = c.attempts > 1 ? ` (${c.attempts} requests)` : '';
  return `${c.outcome}${extra}, ${(c.ms / 1000).toFixed(1)} s`;
}

/** One markdown table: rows = systems (and their "timeout set" variants), columns = faults. */
export function faultTable(
  cells: readonly CellResult[],
  faults: readonly FaultCase[],
  systemOrder: readonly SystemDef[],
): string {
  const rows: Array<{ system: SystemDef; variant: 'default' | 'timeout' }> = [];
  for (const c of cells) {
    if (!rows.some((r) => r.system === c.system && r.variant === c.variant)) {
      rows.push({ system: c.system, variant: c.variant });
    }
  }
  const order = (r: (typeof rows)[number]): number =>
    (r.variant === 'default' ? 0 : 1000) + systemOrder.indexOf(r.system);
  rows.sort((a, b) => order(a) - order(b));
  const lines = [
    `| System | ${faults.map((f) => f.label).join(' | ')} |`,
    `|---|${faults.map(() => '---').join('|')}|`,
  ];
  for (const row of rows) {
    const parts = faults.map((f) => {
      const c = cells.find(
        (x) => x.system === row.system && x.variant === row.variant && x.fault === f,
      );
      return c ? shortCell(c) : row.variant === 'timeout' ? '' : 'n/a';
    });
    lines.push(`| ${rowLabel(row.system, row.variant)} | ${parts.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Every cell's error text (or note), so a reader can check each clear/unclear decision. */
export function faultDetails(cells: readonly CellResult[]): string {
  const lines = [
    '| System | Call | Fault | Outcome | Requests | What the caller got |',
    '|---|---|---|---|---:|---|',
  ];
  for (const c of cells) {
    const logged = c.logged > 0 ? ` (+${c.logged} console line(s))` : '';
    const detail = mdCell(
      c.detail || (c.outcome === 'recovered' || c.outcome === 'full answer' ? 'full text' : ''),
    );
    lines.push(
      `| ${rowLabel(c.system, c.variant)} | ${c.fault.mode} | ${c.fault.label} | ${c.outcome} | ${c.attempts} | ${detail}${logged} |`,
    );
  }
  return lines.join('\n');
}

/** The written outcome rule, with the exact patterns used. */
export function outcomeRule(guardMs: number, lateWaitMs: number, timeoutMs: number): string {
  const patterns = Object.entries(CLEAR_ERROR_PATTERNS)
    .map(([family, re]) => `  - ${family}: \`${re.source}\` (case-insensitive)`)
    .join('\n');
  return [
    'Outcome of a cell (decided by `bench/src/outcome.ts`):',
    `- **hang**: neither an answer nor an error within the guard of ${guardMs / 1000} s (the call is then abandoned and its emulator closed);`,
    "- **clear error**: the call threw, and the name, code or message of the error the caller catches (not a nested cause) names the failure, by the pattern of the fault's family:",
    patterns,
    '- **unclear error**: the call threw anything else (empty, generic, or naming another failure; the bare words "aborted" or "terminated" are not enough);',
    '- **silently truncated**: no error, and the text is a strict prefix of the full answer, or a stream that ended without `messageStop` was accepted as finished;',
    '- **recovered**: the full answer, after more than one request reached the emulator (a retry healed the fault);',
    '- **full answer**: the full answer from one request (the fault did not affect the call);',
    '- **wrong answer**: no error and a text that is neither the answer nor a prefix of it (also used when a cell could not be set up).',
    '',
    lateWaitMs > 0
      ? `A hang stays a hang; the harness then waits up to ${lateWaitMs / 1000} s more and reports how the call ended, e.g. "hang (clear error at 30 s)" (a call still open then is closed by closing its emulator).`
      : 'This run did not wait past the guard to see how hung calls end (a full run waits 130 s more).',
    '',
    `Each cell has its own emulator; a first clean call warms the client's connection pool, then the fault is queued for the next request and the call is made. Mid-stream faults strike after 10 stream events (some text has reached the caller). "timeout set" rows give the system's own timeout option ${timeoutMs / 1000} s.`,
  ].join('\n');
}
