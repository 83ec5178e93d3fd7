/** The console's screens, in navigation order. */
export const ROUTES = [
  { id: 'inventory', label: 'Inventory' },
  { id: 'lineage', label: 'Lineage' },
  { id: 'replay', label: 'Replay' },
  { id: 'monitoring', label: 'Monitoring' },
  { id: 'packs', label: 'Packs' },
  { id: 'import', label: 'Import' },
  { id: 'audit', label: 'Audit log' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/** Read the screen from a location hash like "#/inventory"; unknown hashes show the inventory. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => r.id === id)?.id ?? 'inventory';
}

/** The path segments after the screen id: "#/inventory/credit-pd/4" gives ["credit-pd", "4"]. */
export function routeArgs(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('?')[0]!
    .split('/')
    .slice(1)
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
