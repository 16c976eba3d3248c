import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';
import type { DiscoveredModel } from './discovered-model.js';
import { fromFoundationSummary, fromProfileSummary } from './from-sdk-summary.js';

/**
 * Filters, converts, deduplicates and sorts the two listings into `discoverModels`' result:
 * foundation models ACTIVE (or LEGACY when asked), streaming, TEXT output, callable on demand or
 * through a profile; profiles ACTIVE whose model passed the same filter (or, when their model was
 * not listed, is a chat model). Global profiles first, then by name, then by id.
 */
export function assembleModelList(
  summaries: readonly FoundationModelSummary[],
  profiles: readonly InferenceProfileSummary[],
  providers: readonly string[],
  includeLegacy: boolean,
): DiscoveredModel[] {
  const wanted = (entry: DiscoveredModel): boolean =>
    providers.length === 0 ||
    providers.includes(entry.provider) ||
    providers.includes(entry.providerName.toLowerCase());
  const seen = new Set<string>();
  const out: DiscoveredModel[] = [];
  const foundations = new Map<string, DiscoveredModel>();
  const listed = new Set<string>();

  for (const summary of summaries) {
    const id = (summary.modelId ?? '').trim();
    if (id === '') continue;
    listed.add(id.toLowerCase());
    const status = (summary.modelLifecycle?.status ?? '').toUpperCase();
    if (status !== 'ACTIVE' && !(includeLegacy && status === 'LEGACY')) continue;
    if (summary.responseStreamingSupported !== true) continue;
    if (!(summary.outputModalities ?? []).includes('TEXT')) continue;
    // The SDK's enum lacks INFERENCE_PROFILE, but the service returns it for profile-only models.
    const types: readonly string[] = summary.inferenceTypesSupported ?? [];
    // A model only offered with provisioned throughput cannot be called by this id.
    if (!types.includes('ON_DEMAND') && !types.includes('INFERENCE_PROFILE')) continue;
    const entry = fromFoundationSummary(summary);
    foundations.set(id.toLowerCase(), entry);
    if (!wanted(entry) || seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    out.push(entry);
  }
  for (const summary of profiles) {
    const id = (summary.inferenceProfileId ?? '').trim();
    if (id === '' || summary.status !== 'ACTIVE') continue;
    const entry = fromProfileSummary(summary, foundations);
    const base = entry.foundationModelId?.toLowerCase();
    // Same rule as for the models: a profile of a listed model that was filtered out (legacy,
    // not text, not streaming) goes too; one whose model was not listed needs a chat model.
    if (
      base !== undefined && listed.has(base) ? !foundations.has(base) : !entry.capabilities.chat
    ) {
      continue;
    }
    const key = entry.id.toLowerCase();
    if (!wanted(entry) || seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  const rank = (m: DiscoveredModel): number => (m.profilePrefix === 'global' ? 0 : 1);
  return out.sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    const an = a.name.toLowerCase();
    const bn = b.name.toLowerCase();
    if (an !== bn) return an < bn ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
