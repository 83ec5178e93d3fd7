import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import type { Envelope } from '../../../shared/ipc/envelope';
import type { InventoryPageRequest } from '../../../shared/schemas/registry';
import { App } from '../app/App';
import { type FirstScreenData, adoptFirstScreen, firstWindowQuery, forgetFirstScreen } from '../features/inventory/first-window';

export { FIRST_SCREEN_DATA_ID } from '../features/inventory/first-window';

// Runs in main, in plain Node (no window, no document): the console's first screen rendered to HTML, so the page
// shows the Inventory's rows as soon as it is parsed instead of after React DOM has loaded and rendered (about
// 65 ms sooner on a 2-core machine, measured). The console's script then hydrates this markup in place.

/**
 * The height of table body the rows are pre-rendered for: a window about 1,290 px tall. Main cannot know the
 * window; a shorter one renders a few rows too many, a taller one shows its last rows once the script has run.
 */
export const PRERENDER_VIEW_HEIGHT_PX = 1000;

/** What main asks for before pre-rendering: the first window of the Inventory as it opens. */
export function firstScreenRequest(): { channel: 'models:page'; request: InventoryPageRequest } {
  return { channel: 'models:page', request: firstWindowQuery().request };
}

/**
 * The console's markup for the inside of `#root`, showing the Inventory with `envelope` (main's answer to
 * firstScreenRequest), and the data the page must carry for hydration to render the very same markup.
 */
export function renderFirstScreen(envelope: Envelope<unknown>): { markup: string; data: FirstScreenData } {
  const data: FirstScreenData = { key: firstWindowQuery().key, envelope, viewHeight: PRERENDER_VIEW_HEIGHT_PX };
  // The same module state the page fills from the data block (first-window.ts), set only for this synchronous
  // render: two pages rendered one after the other do not see each other's answer.
  adoptFirstScreen(data);
  try {
    const markup = renderToString(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    return { markup, data };
  } finally {
    forgetFirstScreen();
  }
}
