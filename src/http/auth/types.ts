export interface AuthRequest {
  /** Aborts this caller's wait (a shared token refresh goes on for the others). */
  signal?: AbortSignal;
}

/**
 * Gives the headers that authenticate one request. Implementations keep their secrets in
 * `#private` fields, so `JSON.stringify`, `util.inspect` and error objects never show them.
 */
export interface AuthProvider {
  /** The headers to add, e.g. `{ Authorization: 'Bearer …' }`. May fetch or refresh a token. */
  authorize(request: AuthRequest): Promise<Record<string, string>>;
  /**
   * The server answered 401 to a request sent with `rejected` (the headers `authorize` gave):
   * forget that token so the next `authorize` gets a new one. A no-op when the token was already
   * replaced. Providers whose credentials cannot change (a static token) leave it out.
   */
  invalidate?(rejected?: Record<string, string>): void;
}
