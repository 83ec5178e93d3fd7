import { AuditLogPage } from '../features/audit/AuditLogPage';
import { ImportPage } from '../features/import/ImportPage';
import { InventoryPage } from '../features/inventory/InventoryPage';
import { LineagePage } from '../features/lineage/LineagePage';
import { ModelVersionPage } from '../features/model-version/ModelVersionPage';
import { MonitoringPage } from '../features/monitoring/MonitoringPage';
import { PacksPage } from '../features/packs/PacksPage';
import { ReplayPage } from '../features/replay/ReplayPage';
import { ROUTES } from './routes';
import { StatusBar } from './StatusBar';
import { type Route, useHashRoute } from './useHashRoute';

/** The console frame: navigation, the current screen, the workspace status bar. */
export function App() {
  const route = useHashRoute();
  return (
    <div className="app">
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
        <Screen route={route} />
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
