// First, before React is even evaluated: start the Inventory's first request (or take main's pre-rendered one).
import './early-requests';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app/App';
import { earlyFirstWindowArrival, hasAdoptedFirstScreen } from './features/inventory/first-window';
import './app/app.css';

// Longer than the first window usually takes to arrive once the script has loaded (10–60 ms here), short
// enough that a slow answer still shows the console frame with "Loading…" soon.
const EARLY_ANSWER_WAIT_MS = 150;

const root = document.getElementById('root');
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
// Hydrate only what early-requests adopted: the Inventory opening, with a data block this build can read.
if (root?.hasChildNodes() && hasAdoptedFirstScreen()) {
  // Main sent the Inventory already rendered (prerender/first-screen.tsx): take over that markup in place.
  hydrateRoot(root, app, {
    // React recovers by rendering on the client; say so, so that a pre-render that drifted from the console is
    // seen (the end-to-end tests fail on this message) rather than silently costing a second render.
    onRecoverableError: (error) => console.error('attest: the pre-rendered console did not match and was rendered again:', error),
  });
} else if (root) {
  // A pre-render for another screen than the one opened (a reload at #/audit), or with data this build cannot
  // read, is replaced, not hydrated.
  void earlyFirstWindowArrival(EARLY_ANSWER_WAIT_MS).then(() => createRoot(root).render(app));
}
