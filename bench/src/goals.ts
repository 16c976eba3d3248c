import type { CellResult } from './faults.js';
import type { LatencyResult } from './latency.js';
import { formatMs } from './stats.js';

/** One goal of issue 8, held against the figures of this run. */
export interface GoalCheck {
  goal: string;
  status: 'met' | 'missed' | 'not measured';
  evidence: string;
}

function median(
  r: LatencyResult | undefined,
  key: 'converse' | 'ttft' | 'ttlt',
): number | undefined {
  return r?.[key]?.median;
}

function compare(
  goal: string,
  ours: LatencyResult | undefined,
  others: Array<LatencyResult | undefined>,
  key: 'converse' | 'ttft' | 'ttlt',
  strict: boolean,
): GoalCheck {
  const mine = median(ours, key);
  const theirs = others.map((o) => ({ label: o?.system.label, value: median(o, key) }));
  if (mine === undefined || theirs.some((t) => t.value === undefined)) {
    return {
      goal,
      status: 'not measured',
      evidence: 'a system in this comparison was not measured',
    };
  }
  const ok = theirs.every((t) => (strict ? mine < (t.value ?? 0) : mine <= (t.value ?? 0)));
  const evidence = `ours ${formatMs(mine)} ms vs ${theirs
    .map((t) => `${t.label} ${formatMs(t.value ?? Number.NaN)} ms`)
    .join(', ')} (medians)`;
  return { goal, status: ok ? 'met' : 'missed', evidence };
}

function others(rows: Array<[string, number | undefined]>): string {
  const shown = rows.filter((r): r is [string, number] => r[1] !== undefined);
  return shown.length === 0
    ? ''
    : ` (for reference: ${shown.map(([name, v]) => `${name} ${formatMs(v)} ms`).join(', ')})`;
}

/** Checks each goal of issue 8 against this run's figures; nothing is assumed. */
export function checkGoals(
  latency: readonly LatencyResult[],
  cells: readonly CellResult[],
): GoalCheck[] {
  const byId = (id: string) =>
    latency.find((r) => r.system.id === id && r.unavailable === undefined);
  const ours = byId('toolkit');
  const sdk = byId('raw-sdk');
  const peers = [byId('ai-sdk'), byId('langchain')];
  const checks: GoalCheck[] = [];
  for (const [key, what] of [
    ['converse', 'Converse'],
    ['ttft', 'stream, first token'],
    ['ttlt', 'stream, last token'],
  ] as const) {
    checks.push(compare(`${what}: ours at or below the raw SDK defaults`, ours, [sdk], key, false));
    checks.push(compare(`${what}: ours below both peers`, ours, peers, key, true));
  }
  for (const [key, what] of [
    ['converse', 'Converse'],
    ['ttlt', 'streams (last token)'],
  ] as const) {
    const goal = `${what}: transport + format at most 0.6x the raw SDK defaults (issue 20)`;
    const mine = median(ours, key);
    const theirs = median(sdk, key);
    checks.push(
      mine === undefined || theirs === undefined
        ? { goal, status: 'not measured', evidence: 'toolkit or raw SDK row missing' }
        : {
            goal,
            status: mine / theirs <= 0.6 ? 'met' : 'missed',
            evidence: `ours ${formatMs(mine)} ms vs raw SDK ${formatMs(theirs)} ms: ${(mine / theirs).toFixed(2)}x (medians)`,
          },
    );
  }
  const gateway = byId('gateway');
  const gw = median(gateway, 'ttft');
  const direct = median(ours, 'ttft');
  if (gw === undefined || direct === undefined) {
    checks.push({
      goal: 'the gateway adds < 1 ms at the median to time to first token',
      status: 'not measured',
      evidence: 'gateway or toolkit row missing',
    });
  } else {
    checks.push({
      goal: 'the gateway adds < 1 ms at the median to time to first token',
      status: gw - direct < 1 ? 'met' : 'missed',
      evidence:
        `gateway (own process) + openai client ${formatMs(gw)} ms vs transport + format in the caller's process ${formatMs(direct)} ms: +${formatMs(gw - direct)} ms` +
        others([
          ['gateway + bare HTTP client', median(byId('gateway-bare'), 'ttft')],
          [
            "gateway in the caller's process + openai client",
            median(byId('gateway-inproc'), 'ttft'),
          ],
        ]),
    });
  }
  {
    const goal =
      'the in-process fetch (openai client) adds < 0.5 ms at the median to time to first token (issue 18)';
    const fetched = median(byId('openai-fetch'), 'ttft');
    checks.push(
      fetched === undefined || direct === undefined
        ? { goal, status: 'not measured', evidence: 'openai-fetch or toolkit row missing' }
        : {
            goal,
            status: fetched - direct < 0.5 ? 'met' : 'missed',
            evidence: `openai client + createBedrockFetch ${formatMs(fetched)} ms vs transport + format called directly ${formatMs(direct)} ms, same run: +${formatMs(fetched - direct)} ms, ${(fetched / direct).toFixed(3)}x (medians)`,
          },
    );
  }
  {
    const goal =
      'Responses: time to first response.output_text.delta within 10% of the first chat-completions delta (issue 17)';
    const responses = median(byId('gateway-responses'), 'ttft');
    const chat = median(byId('gateway-bare'), 'ttft');
    checks.push(
      responses === undefined || chat === undefined
        ? {
            goal,
            status: 'not measured',
            evidence: 'gateway-responses or gateway-bare row missing',
          }
        : {
            goal,
            status: responses <= chat * 1.1 ? 'met' : 'missed',
            evidence: `the same gateway process and conversation, bare node:http client: /v1/responses ${formatMs(responses)} ms vs /v1/chat/completions ${formatMs(chat)} ms: ${(responses / chat).toFixed(2)}x (medians)`,
          },
    );
  }
  const ourCells = cells.filter((c) => c.system.role === 'ours');
  if (ourCells.length === 0) {
    checks.push({
      goal: 'zero hangs and zero silent truncations for us',
      status: 'not measured',
      evidence: 'no fault cells for our systems',
    });
  } else {
    const bad = ourCells.filter(
      (c) =>
        c.outcome === 'hang' || c.outcome === 'silently truncated' || c.outcome === 'wrong answer',
    );
    checks.push({
      goal: 'zero hangs and zero silent truncations for us (fault table)',
      status: bad.length === 0 ? 'met' : 'missed',
      evidence:
        bad.length === 0
          ? `${ourCells.length} cells: none hung, none truncated silently`
          : bad
              .map(
                (c) =>
                  `${c.system.label} / ${c.fault.mode} ${c.fault.label}${c.variant === 'timeout' ? ' (timeout set)' : ''}: ${c.outcome}` +
                  (c.late ? ` (${c.late.outcome} at ${(c.late.ms / 1000).toFixed(0)} s)` : ''),
              )
              .join('; '),
    });
  }
  return checks;
}
