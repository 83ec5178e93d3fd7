import { z } from 'zod';
import { AttestError } from '../core/errors';
import { type HttpRetryOptions, parseJsonAnswer, requestWithRetry, retryTiming } from './http-retry';

/** How to reach an MLflow tracking server. Credentials come from the environment and are never stored. */
export interface MlflowClientOptions {
  url: string;
  /** Sent as `Authorization: Bearer …` (Databricks-style token); or basic auth from username/password. */
  token?: string;
  username?: string;
  password?: string;
  timeoutMs?: number;
  retries?: number;
  /** Base delay of the exponential backoff between retries. */
  backoffMs?: number;
}

/** Credentials from ATTEST_MLFLOW_TOKEN, or ATTEST_MLFLOW_USERNAME and ATTEST_MLFLOW_PASSWORD. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Pick<MlflowClientOptions, 'token' | 'username' | 'password'> {
  if (env.ATTEST_MLFLOW_TOKEN) return { token: env.ATTEST_MLFLOW_TOKEN };
  if (env.ATTEST_MLFLOW_USERNAME && env.ATTEST_MLFLOW_PASSWORD) return { username: env.ATTEST_MLFLOW_USERNAME, password: env.ATTEST_MLFLOW_PASSWORD };
  return {};
}

/** The server's address without credentials or trailing slash; refuses URLs that embed a password. */
export function normaliseServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AttestError('bad-input', `"${url}" is not a URL.`, 'Pass the tracking server address, e.g. https://mlflow.bank.internal.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new AttestError('bad-input', `${url} is not an http(s) address.`);
  if (parsed.username || parsed.password) {
    throw new AttestError('bad-input', 'The MLflow URL contains credentials; they would end up in the workspace history.', 'Remove them from the URL and set ATTEST_MLFLOW_TOKEN (or ATTEST_MLFLOW_USERNAME and ATTEST_MLFLOW_PASSWORD) instead.');
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

type Params = Record<string, string | number | string[] | undefined>;

const ErrorBody = z.looseObject({ error_code: z.string().optional() });

/** An MLflow answer of 404 or 405: no such object (RESOURCE_DOES_NOT_EXIST) or no such endpoint on this server. */
export class MlflowMissing extends AttestError {
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode: string | null,
  ) {
    super('not-found', message, 'Check the URL and the MLflow version.');
  }

  /** The server does not have the endpoint at all (MLflow 2 asked for an MLflow 3 route). */
  get isEndpointMissing(): boolean {
    return this.status === 405 || this.errorCode !== 'RESOURCE_DOES_NOT_EXIST';
  }
}

/** A small MLflow REST client: timeouts, retries with backoff, pagination, zod-checked responses. */
export class MlflowClient {
  readonly baseUrl: string;
  private readonly http: HttpRetryOptions;

  constructor(options: MlflowClientOptions) {
    this.baseUrl = normaliseServerUrl(options.url);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    else if (options.username && options.password) {
      headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
    }
    this.http = {
      server: `MLflow at ${this.baseUrl}`,
      headers,
      ...retryTiming(options),
      hints: {
        network: 'Check the address and the network, then sync again; nothing was imported.',
        brokenOff: 'Sync again; nothing was imported.',
        failing: 'The server kept failing; try again later. Nothing was imported.',
        refused: 'Check the URL and the MLflow version.',
        credentials:
          'Use credentials with read access: save a token, or a username and password, for this server in the desktop app (Import, Live sync), or set ATTEST_MLFLOW_TOKEN (or ATTEST_MLFLOW_USERNAME and ATTEST_MLFLOW_PASSWORD) for the command line and attest serve.',
      },
      // A 404 or 405 from MLflow says whether the object or the endpoint is missing (MLflow 2 has no logged models).
      onRefusal: (response, what) => (response.status === 404 || response.status === 405 ? this.missing(response, what) : Promise.resolve(null)),
    };
  }

  /** GET an endpoint under /api/2.0/mlflow/ and check the answer with `schema`. */
  async get<T extends z.ZodType>(endpoint: string, params: Params, schema: T): Promise<z.output<T>> {
    return this.call('GET', endpoint, params, schema);
  }

  /** POST a JSON body to an endpoint under /api/2.0/mlflow/ (MLflow 3's logged-models/search) and check the answer. */
  async post<T extends z.ZodType>(endpoint: string, body: Params, schema: T): Promise<z.output<T>> {
    return this.call('POST', endpoint, body, schema);
  }

  private async call<T extends z.ZodType>(method: 'GET' | 'POST', endpoint: string, params: Params, schema: T): Promise<z.output<T>> {
    const defined = Object.entries(params).filter(([, v]) => v !== undefined);
    const query = new URLSearchParams();
    if (method === 'GET') for (const [k, v] of defined) query.set(k, String(v));
    const url = `${this.baseUrl}/api/2.0/mlflow/${endpoint}${query.size ? `?${query.toString()}` : ''}`;
    const body = method === 'POST' ? JSON.stringify(Object.fromEntries(defined)) : undefined;
    const request = body === undefined ? { method: 'GET' as const } : { method: 'POST' as const, json: body };
    const json = parseJsonAnswer(await requestWithRetry(url, endpoint, this.http, request), endpoint, this.http.server, 'Is the URL an MLflow tracking server, not a proxy login page? Nothing was imported.');
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AttestError('bad-input', `MLflow at ${this.baseUrl}: ${endpoint} returned an unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`, 'This MLflow version may not be supported; nothing was imported.');
    }
    return parsed.data;
  }

  /** Every item of a paginated search, following next_page_token. */
  async *paginate<T extends z.ZodType<{ next_page_token?: string | undefined }>, I>(
    endpoint: string,
    params: Params,
    schema: T,
    items: (page: z.output<T>) => I[],
    method: 'GET' | 'POST' = 'GET',
  ): AsyncGenerator<I> {
    let token: string | undefined;
    do {
      const page = await this.call(method, endpoint, { ...params, page_token: token }, schema);
      yield* items(page);
      token = page.next_page_token || undefined;
    } while (token);
  }

  /** Download one run artifact (ONNX file, MLmodel) through the tracking server's get-artifact route. */
  async getArtifact(runId: string, path: string): Promise<Buffer> {
    const query = new URLSearchParams({ path, run_uuid: runId, run_id: runId });
    return requestWithRetry(`${this.baseUrl}/get-artifact?${query.toString()}`, `get-artifact ${path}`, this.http);
  }

  /**
   * Download one file of an MLflow 3 logged model through the tracking server's logged-model artifact route (the
   * one MLflow's own UI uses; `artifact_file_path` is relative to the logged model's artifact location).
   */
  async getLoggedModelArtifact(modelId: string, path: string): Promise<Buffer> {
    const query = new URLSearchParams({ artifact_file_path: path });
    return requestWithRetry(`${this.baseUrl}/ajax-api/2.0/mlflow/logged-models/${encodeURIComponent(modelId)}/artifacts/files?${query.toString()}`, `logged-models/${modelId} artifact ${path}`, this.http);
  }

  /** A 404 or 405, with MLflow's error code when the body carries one (RESOURCE_DOES_NOT_EXIST vs ENDPOINT_NOT_FOUND). */
  private async missing(response: Response, endpoint: string): Promise<MlflowMissing> {
    let errorCode: string | null = null;
    try {
      const parsed = ErrorBody.safeParse(JSON.parse(await response.text()));
      errorCode = parsed.success ? (parsed.data.error_code ?? null) : null;
    } catch {
      // Not JSON (a proxy's or an old server's page): no error code.
    }
    return new MlflowMissing(`MLflow at ${this.baseUrl} answered ${endpoint} with HTTP ${response.status}${errorCode ? ` (${errorCode})` : ''}.`, response.status, errorCode);
  }
}
