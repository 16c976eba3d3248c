import { type Bar, barSpec, type Panel, render, stackPanels } from '../chart.js';
import type { CapacityResult } from './measure-capacity.js';

const COLORS = { gateway: '#4c78a8', floor: '#9d9d9d' };

/**
 * The capacity chart (`benchmarks-capacity.svg`): per profile, the gateway beside the floor
 * measured in the same run: sustained requests/s on one core, CPU per request, CPU per event.
 */
export async function renderCapacityChart(
  result: CapacityResult,
  subtitle: string,
): Promise<string> {
  const panels: Panel[] = [];
  const add = async (title: string, unit: string, bars: Bar[]): Promise<void> => {
    const shown = bars.filter((b) => Number.isFinite(b.value));
    if (shown.length > 0)
      panels.push(await render(barSpec({ title, unit, bars: shown, colors: COLORS })));
  };
  for (const [name, rows] of [
    ['Large prompts', result.large],
    ['Chat', result.chat],
  ] as const) {
    if (!rows) continue;
    await add(
      `${name}: sustained requests/s, one core`,
      'requests/s (0 errors)',
      rows.map((r) => ({ system: r.target, value: r.saturation })),
    );
    await add(
      `${name}: server CPU per request`,
      'ms',
      rows.map((r) => ({ system: r.target, value: r.cpuMsPerRequest ?? Number.NaN })),
    );
  }
  if (result.slow) {
    await add(
      `${result.settings.slowStreams} slow streams: server CPU per relayed event`,
      'µs',
      result.slow.map((r) => ({ system: r.target, value: r.cpuUsPerEvent })),
    );
    await add(
      `${result.settings.slowStreams} slow streams: RSS per open stream`,
      'KiB',
      result.slow.map((r) => ({ system: r.target, value: r.rssPerStream / 1024 })),
    );
  }
  const title = 'Capacity per core: gateway vs a bare Node proxy (same run)';
  return stackPanels(title, subtitle, panels, 8);
}
