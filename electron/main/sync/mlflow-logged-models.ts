import type { LoggedModelRecord } from '../../../shared/schemas/bundle';
import type { JobControl } from '../core/jobs';
import { type MlflowClient, MlflowMissing } from './mlflow-client';
import { GetLoggedModel, SearchLoggedModels, loggedModelFromRest } from './mlflow-rest';

/**
 * The MLflow 3 logged models one sync read, by id. `supported` is false once the server showed it has no
 * logged-models endpoints (MLflow 2 answers 404 / ENDPOINT_NOT_FOUND), null while it was never asked.
 */
export class LoggedModelReader {
  readonly models = new Map<string, LoggedModelRecord>();
  readonly notes: string[] = [];
  supported: boolean | null = null;

  constructor(
    private readonly client: MlflowClient,
    private readonly job?: JobControl,
  ) {}

  /** Read the logged models versions were registered from (one GET each; one that is gone is noted, not fatal). */
  async readByIds(ids: Iterable<string>, namedBy: (id: string) => string): Promise<void> {
    for (const id of [...new Set(ids)].sort()) {
      if (this.supported === false) return;
      if (this.models.has(id)) continue;
      this.job?.throwIfCancelled();
      const model = await this.unlessMissing(() => this.client.get(`logged-models/${encodeURIComponent(id)}`, {}, GetLoggedModel), `logged model ${id}, named by ${namedBy(id)}, is not on the server`);
      if (model) this.models.set(id, loggedModelFromRest(model.model));
    }
  }

  /** Read every logged model of these experiments (MLflow 3's POST logged-models/search, 50 a page). */
  async readExperiments(experimentIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(experimentIds)].sort();
    if (ids.length === 0 || this.supported === false) return;
    await this.unlessMissing(async () => {
      for await (const m of this.client.paginate('logged-models/search', { experiment_ids: ids, max_results: 50 }, SearchLoggedModels, (p) => p.models, 'POST')) {
        this.job?.throwIfCancelled();
        this.models.set(m.info.model_id, loggedModelFromRest(m));
      }
      return true;
    }, `the logged-models search of experiment${ids.length > 1 ? 's' : ''} ${ids.join(', ')} found nothing`);
  }

  /**
   * Run one call; a server without the endpoint turns logged-model reading off (said once in the notes), and an
   * object that is not there is noted with `gone`. Anything else (bad JSON, a wrong shape, 5xx) still fails the sync.
   */
  async unlessMissing<T>(call: () => Promise<T>, gone: string): Promise<T | null> {
    try {
      const value = await call();
      this.supported = true;
      return value;
    } catch (error) {
      if (!(error instanceof MlflowMissing)) throw error;
      if (error.isEndpointMissing) {
        if (this.supported !== false) this.notes.push(`MLflow at ${this.client.baseUrl} has no logged-models endpoints (MLflow 2), so no MLflow 3 logged models were read.`);
        this.supported = false;
      } else {
        this.notes.push(`The ${gone} (${error.errorCode ?? 'HTTP 404'}).`);
      }
      return null;
    }
  }

  /** The logged models read, in id order. */
  records(): LoggedModelRecord[] {
    return [...this.models.values()].sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0));
  }
}
