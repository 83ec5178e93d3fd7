import type { RouteId } from '../../app/routes';

type PendingRoute = Exclude<RouteId, 'inventory' | 'audit' | 'replay' | 'monitoring' | 'packs' | 'import'>;

const PLANNED: Record<PendingRoute, { title: string; purpose: string }> = {
  lineage: {
    title: 'Lineage',
    purpose: 'The joined graph dataset → job → training run → model version → logged decisions, as of any date.',
  },
};

/** A screen whose engine is not in this build yet: says so plainly, shows nothing made up. */
export function PendingScreen({ route }: { route: PendingRoute }) {
  const screen = PLANNED[route];
  return (
    <section aria-labelledby="pending-title">
      <h1 id="pending-title">{screen.title}</h1>
      <p>{screen.purpose}</p>
      <p className="notice">This screen is not available in this build of the console yet. Nothing here is simulated.</p>
    </section>
  );
}
