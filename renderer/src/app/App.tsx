import { Suspense, lazy, useSyncExternalStore } from 'react';
import { Loading } from '../components/StatusMessage';
import { InventoryPage } from '../features/inventory/InventoryPage';
import { ROUTES } from './routes';
import { StatusBar } from './StatusBar';
import { type Route, useHashRoute } from './useHashRoute';

// Screens other than the Inventory load when first opened: the first paint needs only React and the Inventory.
const AuditLogPage = lazy(() => import('../features/audit/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const ImportPage = lazy(() => import('../features/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const LineagePage = lazy(() => import('../features/lineage/LineagePage').then((m) => ({ default: m.LineagePage })));
const ModelVersionPage = lazy(() => import('../features/model-version/ModelVersionPage').then((m) => ({ default: m.ModelVersionPage })));
const MonitoringPage = lazy(() => import('../features/monitoring/MonitoringPage').then((m) => ({ default: m.MonitoringPage })));
const PacksPage = lazy(() => import('../features/packs/PacksPage').then((m) => ({ default: m.PacksPage })));
const ReplayPage = lazy(() => import('../features/replay/ReplayPage').then((m) => ({ default: m.ReplayPage })));

/** The console frame: navigation, the current screen, the workspace status bar. */
export function App() {
  const route = useHashRoute();
  const isStarting = useIsStarting();
  return (
    // Busy while the page is main's pre-render and the console's script has not taken it over: its buttons and
    // fields do nothing yet. Tests wait for the attribute to go before they act, as assistive technology does.
    <div className="app" aria-busy={isStarting || undefined}>
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">Attest</div>
        <ul>
          {ROUTES.map((r) => (
            <li key={r.id}>
              <a href={`#/${r.id}`} aria-current={r.id === route.id ? 'page' : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Suspense fallback={<Loading what="the screen" />}>
          <Screen route={route} />
        </Suspense>
      </main>
      <StatusBar />
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.id) {
    case 'inventory':
      return route.args.length === 2 ? <ModelVersionPage model={route.args[0]!} version={route.args[1]!} /> : <InventoryPage />;
    case 'audit':
      return <AuditLogPage />;
    case 'replay':
      return <ReplayPage />;
    case 'monitoring':
      return <MonitoringPage />;
    case 'packs':
      return <PacksPage />;
    case 'import':
      return <ImportPage />;
    case 'lineage':
      return <LineagePage />;
  }
}

const noSubscription = () => () => undefined;

/**
 * True in main's pre-render and while React hydrates it, false once the console runs in the page: React renders
 * again with the client's answer as soon as hydration is done (the server snapshot is what hydration must match).
 */
function useIsStarting(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
}
