import type { AuditListRequest, AuditPage } from '../../../../shared/schemas/governance';
import { invoke } from '../../lib/ipc';
import { type QueryState, useQuery } from '../../lib/useQuery';

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log for the given filter. */
export function useAuditLog(filter: AuditListRequest): [QueryState<AuditPage>, () => void] {
  return useQuery(() => invoke('audit:list', filter), JSON.stringify(filter));
}
