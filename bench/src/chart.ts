import * as vega from 'vega';

/** One bar of the latency panel. */
export interface LatencyBar {
  system: string;
  metric: 'converse' | 'stream: first token' | 'stream: last token';
  median: number;
  p90: number;
}

/** One cell of the outcome panel. */
export interface OutcomeCell {
  row: string;
  fault: string;
  outcome: string;
}

/** One bar of the memory panel. */
export interface MemoryBar {
  system: string;
  deltaMiB: number;
}

const WIDTH = 760;
const OUTCOME_COLORS: Record<string, string> = {
  'full answer': '#006837',
  recovered: '#31a354',
  'clear error': '#4575b4',
  'unclear error': '#fdae61',
  'silently truncated': '#d73027',
  'wrong answer': '#762a83',
  hang: '#252525',
};
/** The word written in a grid cell. */
const OUTCOME_WORDS: Record<string, string> = {
  'full answer': 'full',
  recovered: 'recovered',
  'clear error': 'clear error',
  'unclear error': 'unclear',
  'silently truncated': 'TRUNCATED',
  'wrong answer': 'wrong',
  hang: 'HANG',
};

function latencySpec(bars: LatencyBar[], title: string): vega.Spec {
  const systems = [...new Set(bars.map((b) => b.system))];
  const height = Math.max(120, systems.length * 54);
  return {
    width: WIDTH - 330,
    height,
    padding: { left: 10, right: 20, top: 10, bottom: 10 },
    title: { text: title, anchor: 'start', fontSize: 15 },
    data: [{ name: 'bars', values: bars }],
    scales: [
      { name: 'y', type: 'band', domain: systems, range: 'height', padding: 0.18 },
      {
        name: 'x',
        type: 'linear',
        domain: { data: 'bars', field: 'p90' },
        range: 'width',
        nice: true,
        zero: true,
      },
      {
        name: 'color',
        type: 'ordinal',
        domain: ['converse', 'stream: first token', 'stream: last token'],
        range: ['#4c78a8', '#f58518', '#54a24b'],
      },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'milliseconds per call (bar: median, tick: p90)' },
      { orient: 'left', scale: 'y', labelLimit: 420, labelFontSize: 11 },
    ],
    legends: [{ fill: 'color', orient: 'bottom', direction: 'horizontal' }],
    marks: [
      {
        type: 'group',
        from: { facet: { data: 'bars', name: 'facet', groupby: 'system' } },
        encode: { enter: { y: { scale: 'y', field: 'system' } } },
        signals: [{ name: 'bandHeight', update: "bandwidth('y')" }],
        scales: [
          {
            name: 'inner',
            type: 'band',
            range: { signal: '[0, bandHeight]' },
            domain: ['converse', 'stream: first token', 'stream: last token'],
          },
        ],
        marks: [
          {
            type: 'rect',
            from: { data: 'facet' },
            encode: {
              enter: {
                y: { scale: 'inner', field: 'metric' },
                height: { scale: 'inner', band: 1 },
                x: { scale: 'x', value: 0 },
                x2: { scale: 'x', field: 'median' },
                fill: { scale: 'color', field: 'metric' },
                tooltip: { signal: "datum.metric + ': ' + format(datum.median, '.2f') + ' ms'" },
              },
            },
          },
          {
            type: 'rect',
            from: { data: 'facet' },
            encode: {
              enter: {
                y: { scale: 'inner', field: 'metric' },
                height: { scale: 'inner', band: 1 },
                x: { scale: 'x', field: 'p90' },
                width: { value: 2 },
                fill: { value: '#333' },
              },
            },
          },
          {
            type: 'text',
            from: { data: 'facet' },
            encode: {
              enter: {
                y: { scale: 'inner', field: 'metric', band: 0.5 },
                x: { scale: 'x', field: 'p90', offset: 5 },
                baseline: { value: 'middle' },
                fontSize: { value: 9 },
                fill: { value: '#333' },
                text: { signal: "format(datum.median, '.2f')" },
              },
            },
          },
        ],
      },
    ],
  };
}

function outcomeSpec(
  cells: OutcomeCell[],
  rows: string[],
  faults: string[],
  title: string,
): vega.Spec {
  const values = cells.map((c) => ({ ...c, word: OUTCOME_WORDS[c.outcome] ?? c.outcome }));
  return {
    width: WIDTH - 330,
    height: rows.length * 26,
    padding: { left: 10, right: 20, top: 10, bottom: 10 },
    title: { text: title, anchor: 'start', fontSize: 15 },
    data: [{ name: 'cells', values }],
    scales: [
      { name: 'x', type: 'band', domain: faults, range: 'width', padding: 0.04 },
      { name: 'y', type: 'band', domain: rows, range: 'height', padding: 0.08 },
      {
        name: 'color',
        type: 'ordinal',
        domain: Object.keys(OUTCOME_COLORS),
        range: Object.values(OUTCOME_COLORS),
      },
    ],
    axes: [
      { orient: 'top', scale: 'x', labelAngle: -30, labelAlign: 'left', labelLimit: 280 },
      { orient: 'left', scale: 'y', labelLimit: 420, labelFontSize: 11 },
    ],
    legends: [{ fill: 'color', orient: 'bottom', direction: 'horizontal', columns: 4 }],
    marks: [
      {
        type: 'rect',
        from: { data: 'cells' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'fault' },
            width: { scale: 'x', band: 1 },
            y: { scale: 'y', field: 'row' },
            height: { scale: 'y', band: 1 },
            fill: { scale: 'color', field: 'outcome' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'cells' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'fault', band: 0.5 },
            y: { scale: 'y', field: 'row', band: 0.5 },
            align: { value: 'center' },
            baseline: { value: 'middle' },
            fontSize: { value: 9 },
            fill: { signal: "datum.outcome === 'unclear error' ? '#000000' : '#ffffff'" },
            text: { field: 'word' },
          },
        },
      },
    ],
  };
}

/** One bar of a bar panel. */
export interface Bar {
  system: string;
  value: number;
}

/**
 * A panel of horizontal bars, one per system, each labelled with its value. `colors` gives a
 * colour per system (one colour for all when absent); `label` is the Vega format of the value
 * (`.3~r` by default) and `suffix` follows it.
 */
export function barSpec(panel: {
  title: string;
  unit: string;
  bars: Bar[];
  colors?: Record<string, string>;
  label?: string;
  suffix?: string;
}): vega.Spec {
  const { bars, colors } = panel;
  const suffix = panel.suffix === undefined ? '' : ` + ' ${panel.suffix}'`;
  return {
    width: WIDTH - 330,
    height: Math.max(70, bars.length * 24),
    padding: { left: 10, right: 60, top: 10, bottom: 10 },
    title: { text: panel.title, anchor: 'start', fontSize: 14 },
    data: [{ name: 'bars', values: bars }],
    scales: [
      { name: 'y', type: 'band', domain: bars.map((b) => b.system), range: 'height', padding: 0.2 },
      {
        name: 'x',
        type: 'linear',
        domain: { data: 'bars', field: 'value' },
        range: 'width',
        nice: true,
        zero: true,
      },
      ...(colors === undefined
        ? []
        : [
            {
              name: 'c',
              type: 'ordinal' as const,
              domain: Object.keys(colors),
              range: Object.values(colors),
            },
          ]),
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: panel.unit },
      { orient: 'left', scale: 'y', labelLimit: 420, labelFontSize: 11 },
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
            fill: colors === undefined ? { value: '#72b7b2' } : { scale: 'c', field: 'system' },
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
            text: { signal: `format(datum.value, '${panel.label ?? '.3~r'}')${suffix}` },
          },
        },
      },
    ],
  };
}

/** A rendered panel. */
export interface Panel {
  svg: string;
  width: number;
  height: number;
}

export async function render(spec: vega.Spec): Promise<Panel> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? WIDTH);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 300);
  return { svg, width, height };
}

/**
 * The main figures as one SVG: latency per system (median bars, p90 ticks), the streaming
 * fault outcomes as a grid, and the memory added by the concurrent streams. Each panel is a
 * Vega view rendered headless to SVG; the panels are stacked as nested `<svg>` elements.
 */
export async function renderChart(input: {
  title: string;
  subtitle: string;
  latency: LatencyBar[];
  outcomes: OutcomeCell[];
  /** Row and column order of the outcome grid. */
  outcomeRows: string[];
  outcomeFaults: string[];
  memory: MemoryBar[];
  memoryTitle: string;
}): Promise<string> {
  const panels: Panel[] = [];
  if (input.latency.length > 0) {
    panels.push(await render(latencySpec(input.latency, 'Time per call (lower is better)')));
  }
  if (input.outcomes.length > 0) {
    const spec = outcomeSpec(
      input.outcomes,
      input.outcomeRows,
      input.outcomeFaults,
      'Streaming call under faults (defaults, then with each timeout option set)',
    );
    panels.push(await render(spec));
  }
  if (input.memory.length > 0) {
    const bars = input.memory.map((m) => ({ system: m.system, value: m.deltaMiB }));
    const unit = 'MiB of RSS added by the concurrent streams';
    panels.push(
      await render(barSpec({ title: input.memoryTitle, unit, bars, label: '.1f', suffix: 'MiB' })),
    );
  }
  return stackPanels(input.title, input.subtitle, panels, 16);
}

/** One SVG of a bold title, a subtitle and the panels stacked below them, `gap` px apart. */
export function stackPanels(title: string, subtitle: string, panels: Panel[], gap: number): string {
  const header = 56;
  const width = Math.max(WIDTH, ...panels.map((p) => p.width));
  let y = header;
  const parts: string[] = [];
  for (const panel of panels) {
    parts.push(panel.svg.replace(/^<svg/, `<svg x="0" y="${y}"`));
    y += panel.height + gap;
  }
  const xml = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">`,
    `<rect width="${width}" height="${y}" fill="#ffffff"/>`,
    `<text x="12" y="24" font-family="sans-serif" font-size="16" font-weight="bold">${xml(title)}</text>`,
    `<text x="12" y="44" font-family="sans-serif" font-size="12" fill="#444444">${xml(subtitle)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
