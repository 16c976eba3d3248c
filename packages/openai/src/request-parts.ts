/**
 * One request to the OpenAI handler, already taken apart: what a server that parsed the HTTP
 * request holds, or what a `fetch` was given, without building a web `Request` around it.
 */
export interface OpenAIRequestParts {
  /** The HTTP method, upper-case (`'POST'`, `'GET'`, `'DELETE'`). */
  method: string;
  /** The path, percent-encoded as in a URL, without the query: `/v1/chat/completions`. */
  pathname: string;
  /** The query string with its `?` (`'?limit=2'`). Default: none. */
  search?: string;
  /**
   * Request headers by lower-case name. The handler reads `content-type` and
   * `x-bedrock-bridge-params`. Default: none.
   */
  headers?: Readonly<Record<string, string | undefined>>;
  /**
   * The body: the text that arrived, or `{ json }` when the caller already holds it parsed (the
   * same nesting limit and prototype-key rules apply to it). Default: no body.
   */
  body?: string | { json: unknown };
  /**
   * The caller's own abort signal, as a `fetch` caller's: aborting it aborts the upstream call and
   * errors a stream's body with its reason. Default: none.
   */
  signal?: AbortSignal;
}
