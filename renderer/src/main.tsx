// First, before React is even evaluated: start the Inventory's first request.
import './early-requests';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { earlyFirstWindowArrival } from './features/inventory/first-window';
import './app/app.css';

// Longer than the first window usually takes to arrive once the script has loaded (10–60 ms here), short
// enough that a slow answer still shows the console frame with "Loading…" soon.
const EARLY_ANSWER_WAIT_MS = 150;

const root = document.getElementById('root');
if (root) {
  void earlyFirstWindowArrival(EARLY_ANSWER_WAIT_MS).then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
