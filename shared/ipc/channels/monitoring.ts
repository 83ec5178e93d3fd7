import { JobRef } from '../../schemas/jobs';
import {
  MonitoringComputeRequest,
  MonitoringConfig,
  MonitoringConfigRequest,
  MonitoringConfigureRequest,
  MonitoringResults,
  MonitoringResultsRequest,
} from '../../schemas/monitoring';
import { defineChannels } from '../channel';

export const monitoringChannels = defineChannels({
  /** Compute drift, performance and fairness for a version in a worker; the job's result is the run. */
  'monitoring:compute': { request: MonitoringComputeRequest, response: JobRef },
  /** The current results (latest run per window kind) with the thresholds in force. */
  'monitoring:results': { request: MonitoringResultsRequest, response: MonitoringResults },
  /** A model's thresholds (defaults and overrides) and settings. */
  'monitoring:config': { request: MonitoringConfigRequest, response: MonitoringConfig },
  /** Change a model's thresholds or settings; each change is logged as 'setting changed'. */
  'monitoring:configure': { request: MonitoringConfigureRequest, response: MonitoringConfig },
});
