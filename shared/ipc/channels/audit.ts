import {
  AuditExportRequest,
  AuditExportResult,
  AuditListRequest,
  AuditPage,
  AuditVerification,
  AuditVerifyRequest,
} from '../../schemas/governance';
import { defineChannels } from '../channel';

export const auditChannels = defineChannels({
  /** Filtered, paginated audit log, newest first. */
  'audit:list': { request: AuditListRequest, response: AuditPage },
  /** Walk the hash chain; names the first broken link. */
  'audit:verify': { request: AuditVerifyRequest, response: AuditVerification },
  /** Write the log with its chain to a file for an auditor (docs/audit-log.md). */
  'audit:export': { request: AuditExportRequest, response: AuditExportResult },
});
