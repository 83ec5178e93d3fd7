import { requestFirstWindowEarly } from './features/inventory/first-window';

// Imported first by main.tsx, so this runs before React and the screens are evaluated: the Inventory's first
// request is on the wire meanwhile.
requestFirstWindowEarly();
