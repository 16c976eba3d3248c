/**
 * Starts the OpenTelemetry SDK when the standard variables ask for it: `OTEL_TRACES_EXPORTER`
 * (`otlp`, `console`, ...; `none` keeps it off) or `OTEL_EXPORTER_OTLP_ENDPOINT` /
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`. The SDK reads every other `OTEL_*` variable itself
 * (`OTEL_SERVICE_NAME`, `OTEL_EXPORTER_OTLP_PROTOCOL`, `OTEL_TRACES_SAMPLER`, headers...).
 * Without them nothing is loaded and spans cost nothing. Returns the SDK's shutdown, which
 * flushes spans still buffered.
 */
export async function startTelemetry(
  env: Record<string, string | undefined> = process.env,
): Promise<(() => Promise<void>) | undefined> {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  const wanted =
    exporter !== undefined && exporter !== ''
      ? exporter !== 'none'
      : Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if (!wanted || env.OTEL_SDK_DISABLED === 'true') return undefined;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'bedrock-bridge',
    // metrics are served on /metrics; only traces go out through OTLP
    instrumentations: [],
  });
  sdk.start();
  return () => sdk.shutdown();
}
