import { requestFirstWindowEarly } from './features/inventory/first-window';
import { loadContract } from './lib/ipc';

// Imported first by main.tsx, so this runs before React and the screens are evaluated: the Inventory's first
// request is on the wire, and the contract's schemas (needed to check its answer) are loading, meanwhile.
requestFirstWindowEarly();
void loadContract();
