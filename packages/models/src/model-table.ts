import type {
  AnthropicEffort,
  ExtendedContextWindow,
  ModelTask,
  PromptCaching,
  ReasoningStyle,
  SamplingParam,
} from './model-capabilities.js';
import rawTable from './model-table.json' with { type: 'json' };

/** One row of the built-in table after `like` inheritance is applied. */
export interface ModelRow {
  readonly key: string;
  readonly name: string;
  readonly provider: string;
  readonly task: ModelTask;
  /** @deprecated Renamed `task`. */
  readonly kind: ModelTask;
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  readonly extendedContext: ExtendedContextWindow | null;
  readonly systemPrompt: boolean;
  readonly toolUse: boolean;
  readonly streamingToolUse: boolean;
  readonly forcedToolChoice: boolean;
  readonly vision: boolean;
  readonly documents: boolean;
  readonly video: boolean;
  readonly reasoning: ReasoningStyle;
  readonly adaptiveThinking: boolean;
  readonly adaptiveEfforts: readonly AnthropicEffort[];
  readonly promptCaching: PromptCaching | null;
  readonly rejectedParams: readonly SamplingParam[];
  readonly rejectedWithReasoning: readonly SamplingParam[];
  readonly exclusiveParams: readonly (readonly SamplingParam[])[];
  readonly maxTemperature: number;
  readonly nativeStructuredOutput: boolean;
  readonly prefill: boolean;
  readonly onDemand: boolean;
  readonly profiles: readonly string[];
  /** Every id under this key counts as an exact match (e.g. all `stability.*` models). */
  readonly anyTail: boolean;
  /**
   * Release date (`YYYY-MM-DD`) where a cited source gives one, else null; never inherited. A
   * family's `newest` row is the latest dated row of that family (checked by the table's tests).
   */
  readonly released: string | null;
  readonly source: string;
}

type RawRow = Partial<Omit<ModelRow, 'key' | 'source' | 'kind'>> & {
  key: string;
  source: string;
  like?: string;
};

const OPTIONAL_DEFAULTS = {
  extendedContext: null,
  adaptiveThinking: false,
  adaptiveEfforts: [] as readonly AnthropicEffort[],
  // Converse's API range for inferenceConfig.temperature (InferenceConfiguration: 0..1).
  maxTemperature: 1,
  nativeStructuredOutput: false,
  profiles: [] as readonly string[],
  anyTail: false,
  released: null,
} as const;

const REQUIRED_FIELDS = [
  'name',
  'provider',
  'task',
  'contextWindow',
  'maxOutputTokens',
  'systemPrompt',
  'toolUse',
  'streamingToolUse',
  'forcedToolChoice',
  'vision',
  'documents',
  'video',
  'reasoning',
  'promptCaching',
  'rejectedParams',
  'rejectedWithReasoning',
  'exclusiveParams',
  'prefill',
  'onDemand',
] as const satisfies readonly (keyof ModelRow)[];

/**
 * Expands `like` references (a row copies an earlier row, then overrides) and checks that every
 * row ends up complete. Throws on a malformed table, naming the row.
 */
export function expandModelTable(rows: readonly RawRow[]): ModelRow[] {
  const byKey = new Map<string, ModelRow>();
  for (const raw of rows) {
    if (byKey.has(raw.key)) throw new Error(`model table: duplicate key "${raw.key}"`);
    let base: Partial<ModelRow> = OPTIONAL_DEFAULTS;
    if (raw.like !== undefined) {
      const parent = byKey.get(raw.like);
      if (parent === undefined) {
        throw new Error(
          `model table: row "${raw.key}" is like "${raw.like}", which is not above it`,
        );
      }
      // `anyTail`, `released` and `source` describe the parent row only; never inherit them.
      base = { ...parent, anyTail: false, released: null };
    }
    const { like: _like, ...own } = raw;
    const merged = { ...OPTIONAL_DEFAULTS, ...base, ...own } as Partial<ModelRow>;
    for (const field of REQUIRED_FIELDS) {
      if (merged[field] === undefined) {
        throw new Error(`model table: row "${raw.key}" lacks "${field}"`);
      }
    }
    byKey.set(raw.key, deepFreeze({ ...merged, kind: merged.task } as ModelRow));
  }
  return [...byKey.values()];
}

/** Rows are shared by every lookup result, so nothing in them may be mutated. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The built-in rows, in table order. */
export const MODEL_TABLE: readonly ModelRow[] = expandModelTable(
  (rawTable as { rows: RawRow[] }).rows,
);

/**
 * A model family: ids starting with `prefix` that have no row of their own take the facts of
 * the family's newest row (`newest`), reported with `known: 'family'`.
 */
export interface ModelFamily {
  readonly prefix: string;
  readonly newest: string;
}

/** The families, longest prefix first; each `newest` names a row (checked at load). */
export const MODEL_FAMILIES: readonly ModelFamily[] = checkFamilies(
  (rawTable as unknown as { families: ModelFamily[] }).families,
);

function checkFamilies(families: readonly ModelFamily[]): readonly ModelFamily[] {
  const keys = new Set(MODEL_TABLE.map((row) => row.key));
  for (const family of families) {
    if (!keys.has(family.newest)) {
      throw new Error(
        `model table: family "${family.prefix}" names newest row "${family.newest}", which does not exist`,
      );
    }
  }
  return Object.freeze([...families].sort((a, b) => b.prefix.length - a.prefix.length));
}

/**
 * The documents the rows cite, by key: a row's `source` names each as `[key]` (for example
 * `[litellm]`, `[aws-model-cards]`) next to the facts taken from it. Values say where the document
 * is (a URL, or a repository, path and commit) and what was read from it.
 */
export const MODEL_SOURCES: ReadonlyMap<string, string> = new Map(
  Object.entries((rawTable as unknown as { sources: Record<string, string> }).sources),
);

/** The `[key]` citations in a row's `source`, in order, without duplicates. */
export function citedSources(source: string): string[] {
  return [...new Set([...source.matchAll(/\[([a-z0-9-]+)\]/g)].map((m) => m[1] as string))];
}

/** Index by key for the lookup. */
export const MODEL_TABLE_BY_KEY: ReadonlyMap<string, ModelRow> = new Map(
  MODEL_TABLE.map((row) => [row.key, row]),
);
