import type * as vega from 'vega';
import { render } from '../chart.js';
import type { CapacityResult } from './measure-capacity.js';

interface Bar {
  system: string;
  value: number;
}

const COLORS = { gateway: '#4c78a8', floor: '#9d9d9d' };

function barSpec(title: string, unit: string, bars: Bar[]): vega.Spec {
  return {
    width: 430,
    height: 70,
    padding: { left: 10, right: 60, top: 10, bottom: 10 },
    title: { text: title, anchor: 'start', fontSize: 14 },
    data: [{ name: 'bars', values: bars }],
    scales: [
      {
        name: 'y',
        type: 'band',
        domain: { data: 'bars', field: 'system' },
        range: 'height',
        padding: 0.2,
      },
      {
        name: 'x',
        type: 'linear',
        domain: { data: 'bars', field: 'value' },
        range: 'width',
        nice: true,
        zero: true,
      },
      { name: 'c', type: 'ordinal', domain: Object.keys(COLORS), range: Object.values(COLORS) },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: unit },
      { orient: 'left', scale: 'y', labelLimit: 260 },
    ],
    marks: [
      {
        type: 'rect',
        from: { data: 'bars' },
        encode: {
          enter: {
            y: { scale: 'y', field: 'system' },
            height: { scale: 'y', band: 1 },
            x: { scale: 'x', value: 0 },
            x2: { scale: 'x', field: 'value' },
            fill: { scale: 'c', field: 'system' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'bars' },
        encode: {
          enter: {
            y: { scale: 'y', field: 'system', band: 0.5 },
            x: { scale: 'x', field: 'value', offset: 5 },
            baseline: { value: 'middle' },
            fontSize: { value: 10 },
            text: { signal: "format(datum.value, '.3~r')" },
          },
        },
      },
    ],
  };
}

/**
 * The capacity chart (`benchmarks-capacity.svg`): per profile, the gateway beside the floor
 * measured in the same run: sustained requests/s on one core, CPU per request, CPU per event.
 */
export async function renderCapacityChart(
  result: CapacityResult,
  subtitle: string,
): Promise<string> {
  const panels: Array<{ svg: string; width: number; height: number }> = [];
  const add = async (title: string, unit: string, bars: Bar[]): Promise<void> => {
    const shown = bars.filter((b) => Number.isFinite(b.value));
    if (shown.length > 0) panels.push(await render(barSpec(title, unit, shown)));
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
  const header = 56;
  const width = Math.max(560, ...panels.map((p) => p.width));
  let y = header;
  const parts: string[] = [];
  for (const panel of panels) {
    parts.push(panel.svg.replace(/^<svg/, `<svg x="0" y="${y}"`));
    y += panel.height + 8;
  }
  const xml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">`,
    `<rect width="${width}" height="${y}" fill="#ffffff"/>`,
    `<text x="12" y="24" font-family="sans-serif" font-size="16" font-weight="bold">Capacity per core: gateway vs a bare Node proxy (same run)</text>`,
    `<text x="12" y="44" font-family="sans-serif" font-size="12" fill="#444444">${xml(subtitle)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
