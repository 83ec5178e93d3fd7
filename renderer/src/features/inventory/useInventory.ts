import type { Inventory } from '../../../../shared/schemas/registry';
import { invoke } from '../../lib/ipc';
import { type QueryState, useQuery } from '../../lib/useQuery';

/** The registry as of a date ('' = now). */
export function useInventory(asOf: string): [QueryState<Inventory>, () => void] {
  return useQuery(() => invoke('models:list', asOf ? { asOf } : {}), asOf);
}
