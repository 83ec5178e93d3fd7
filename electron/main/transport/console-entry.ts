import type { Dispatch } from './dispatcher';

const ROOT_ELEMENT = '<div id="root"></div>';

/** True for the URL paths that serve the console's entry page (the ones pre-rendered). */
export function isConsoleEntryPath(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html';
}

/**
 * The console's index.html with the Inventory already rendered into `#root` from main's own answer, and that
 * answer in a JSON data block for the console's script to hydrate the markup with: the rows show as soon as
 * the page is parsed. Served to the desktop window (app://) and to the holder of `attest serve`'s token only,
 * since the page then holds inventory data.
 *
 * Falls back to the page as built (the console then asks for its rows itself) when main's answer is an error,
 * which the console shows in its own words, or when the pre-render fails, which `onFailure` is told about.
 */
export async function prerenderConsoleEntry(indexHtml: Buffer, dispatch: Dispatch, onFailure: (error: Error) => void): Promise<Buffer> {
  const page = indexHtml.toString('utf8');
  try {
    // Loaded on first use: React's server renderer and the console's screens stay out of every other command.
    const { FIRST_SCREEN_DATA_ID, firstScreenRequest, renderFirstScreen } = await import('../../../renderer/src/prerender/first-screen');
    const { channel, request } = firstScreenRequest();
    const answer = await dispatch(channel, request);
    if (!answer.ok) return indexHtml;
    const { markup, data } = renderFirstScreen(answer);
    return Buffer.from(withFirstScreen(page, markup, dataBlock(FIRST_SCREEN_DATA_ID, data)), 'utf8');
  } catch (error) {
    onFailure(error instanceof Error ? error : new Error(String(error)));
    return indexHtml;
  }
}

/** `page` with `markup` inside its empty root element and `block` before its first script. */
function withFirstScreen(page: string, markup: string, block: string): string {
  const root = page.indexOf(ROOT_ELEMENT);
  const firstScript = page.indexOf('<script');
  if (root < 0 || page.indexOf(ROOT_ELEMENT, root + 1) >= 0 || firstScript < 0) {
    throw new Error(`index.html has no single empty ${ROOT_ELEMENT} or no script: is the console built from this version of Attest?`);
  }
  // The data block first: the early-requests script may run before the parser reaches the body, and looks for it.
  const withBlock = `${page.slice(0, firstScript)}${block}\n    ${page.slice(firstScript)}`;
  return withBlock.replace(ROOT_ELEMENT, `<div id="root">${markup}</div>`);
}

/**
 * A JSON data block: never executed, so the console's script-src policy allows it as it stands. Every `<` is
 * written as \u003c, so text from the registry (a model named `</script>…`) cannot end the block early.
 */
function dataBlock(id: string, data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${id}">${json}</script>`;
}
