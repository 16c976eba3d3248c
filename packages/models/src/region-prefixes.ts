/**
 * Geographic prefixes of Bedrock's system-defined (cross-Region) inference profiles, e.g.
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0`. `ap.` appears in older tooling and is accepted.
 */
export const PROFILE_PREFIXES: readonly string[] = [
  'global',
  'us',
  'us-gov',
  'eu',
  'apac',
  'ap',
  'au',
  'jp',
  'ca',
  'uk',
  'in',
  'kr',
  'sa',
  'me',
  'mx',
];

const PREFIX_SET = new Set(PROFILE_PREFIXES);

/** Provider segments of Bedrock model ids; a short prefix before one of them is taken as a geography. */
export const KNOWN_PROVIDERS: readonly string[] = [
  'ai21',
  'amazon',
  'anthropic',
  'cohere',
  'deepseek',
  'google',
  'luma',
  'meta',
  'minimax',
  'mistral',
  'moonshot',
  'moonshotai',
  'nvidia',
  'openai',
  'qwen',
  'stability',
  'twelvelabs',
  'writer',
  'zai',
];

const PROVIDER_SET = new Set(KNOWN_PROVIDERS);
const GEO_SHAPE = /^[a-z]{2,6}(?:-[a-z]{2,6})?$/;

/**
 * If `id` starts with a profile prefix, returns it (lower case) and the rest of the id.
 * Recognises the listed prefixes, and any short `xx.`/`xx-yy.` segment followed by a known
 * provider (so a new geography such as `sg.` still strips correctly).
 */
export function splitProfilePrefix(id: string): { prefix: string; rest: string } | undefined {
  const dot = id.indexOf('.');
  if (dot <= 0) return undefined;
  const head = id.slice(0, dot).toLowerCase();
  const rest = id.slice(dot + 1);
  if (PROVIDER_SET.has(head)) return undefined;
  const restProvider = rest.slice(0, rest.indexOf('.')).toLowerCase();
  if (PREFIX_SET.has(head) && rest.includes('.')) return { prefix: head, rest };
  if (GEO_SHAPE.test(head) && PROVIDER_SET.has(restProvider)) return { prefix: head, rest };
  return undefined;
}

/**
 * The profile prefixes a caller in `region` can use, best first (the last is `global`, where
 * the partition has one). Japan and Australia have their own geographies for some models,
 * with `apac` as the wider fallback.
 */
export function profilePrefixesForRegion(region: string): readonly string[] {
  const r = region.trim().toLowerCase();
  if (r.startsWith('us-gov-')) return ['us-gov'];
  if (r.startsWith('cn-') || r.startsWith('us-iso')) return [];
  if (r.startsWith('us-')) return ['us', 'global'];
  if (r.startsWith('eu-')) return ['eu', 'global'];
  if (r === 'ap-northeast-1' || r === 'ap-northeast-3') return ['jp', 'apac', 'global'];
  if (r === 'ap-southeast-2' || r === 'ap-southeast-4') return ['au', 'apac', 'global'];
  if (r.startsWith('ap-')) return ['apac', 'global'];
  if (r.startsWith('ca-')) return ['ca', 'global'];
  return ['global'];
}
