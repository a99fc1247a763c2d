import ky from 'ky';
import * as z from 'zod/mini';
import {
  CovageAbortError,
  CovageAuthError,
  CovageHttpError,
  CovageNetworkError,
  CovageResponseError,
} from '../errors.js';
import type { Logger } from '../logger.js';
import { classifyFetchFailure } from '../network.js';
import { addSecret, redact, redactText, truncate } from '../redact.js';

/** An OAuth 2.0 token endpoint's answer (RFC 6749 §5.1; Keycloak adds `refresh_expires_in`). */
/** A lifetime in seconds, given as a number or a numeric string (`z.coerce.number()`, without
 * the coerce namespace, whose bigint and date schemas a bundle would keep). */
const seconds = z.pipe(z.transform(Number), z.number().check(z.nonnegative()));

const tokenResponseSchema = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.optional(z.string()),
  expires_in: z.optional(seconds),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  refresh_expires_in: z.optional(seconds),
});

/** An OAuth 2.0 error answer (RFC 6749 §5.2). Only `error`, a fixed code, is ever shown. */
const tokenErrorSchema = z.looseObject({ error: z.string() });

export interface TokenGrant {
  accessToken: string;
  /** Lifetime in seconds, as the server gave it (or the default). */
  expiresInSeconds: number;
  refreshToken?: string;
  /** Lifetime of the refresh token in seconds; undefined when not given (or 0: no expiry). */
  refreshExpiresInSeconds?: number;
}

export interface TokenRequest {
  tokenUrl: URL;
  form: Record<string, string>;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  timeoutMs: number;
  /** Used when the answer has no `expires_in`. */
  defaultExpiresInSeconds: number;
  logger: Logger;
}

const METHOD = 'POST';

/**
 * Posts a form to a token endpoint and reads the token. Failures are typed: a 400/401 answer (a
 * wrong password, an expired refresh token, an unknown client) is a `CovageAuthError` naming the
 * OAuth error code only; 5xx and 429 are `CovageHttpError`s (retriable); no answer is a
 * `CovageNetworkError`. Nothing sent or received that could hold a secret appears in them.
 */
export async function requestToken(request: TokenRequest): Promise<TokenGrant> {
  const path = request.tokenUrl.pathname;
  let response: Response;
  try {
    response = await ky(request.tokenUrl, {
      method: METHOD,
      body: new URLSearchParams(request.form),
      headers: { Accept: 'application/json', ...request.headers },
      timeout: request.timeoutMs,
      retry: 0,
      throwHttpErrors: false,
      ...(request.fetch ? { fetch: request.fetch } : {}),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new CovageNetworkError(
        METHOD,
        path,
        `token request timed out after ${request.timeoutMs} ms`,
      );
    }
    if (error instanceof Error && error.name === 'AbortError')
      throw new CovageAbortError(METHOD, path);
    const failure = classifyFetchFailure(error, request.tokenUrl.host);
    throw new CovageNetworkError(
      METHOD,
      path,
      `token request failed: ${failure.reason}`,
      failure.type === 'not_sent',
    );
  }

  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }

  if (!response.ok) {
    const oauthError = tokenErrorSchema.safeParse(body);
    const code = oauthError.success ? oauthError.data.error : undefined;
    request.logger.warn('auth.token_request_failed', {
      path,
      status: response.status,
      error: code,
      grant: request.form.grant_type,
    });
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new CovageAuthError(
        `the token endpoint refused the ${request.form.grant_type} grant (${response.status}${code ? ` ${redactText(code)}` : ''})`,
        response.status,
        METHOD,
        path,
      );
    }
    throw new CovageHttpError(
      response.status,
      METHOD,
      path,
      redact(typeof body === 'string' ? truncate(body) : body),
      `${METHOD} ${path} (token request) answered ${response.status}`,
    );
  }

  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new CovageResponseError(
      METHOD,
      path,
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
      redact(typeof body === 'string' ? truncate(body) : body),
    );
  }
  const data = parsed.data;
  addSecret(data.access_token);
  addSecret(data.refresh_token);
  return {
    accessToken: data.access_token,
    expiresInSeconds: data.expires_in ?? request.defaultExpiresInSeconds,
    ...(data.refresh_token === undefined ? {} : { refreshToken: data.refresh_token }),
    ...(data.refresh_expires_in === undefined || data.refresh_expires_in === 0
      ? {}
      : { refreshExpiresInSeconds: data.refresh_expires_in }),
  };
}
