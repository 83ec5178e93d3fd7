import { buildMain } from '../../scripts/build-main.mjs';

/** Unit tests spawn the CLI and worker threads from dist/: build the Node side first (about a second). */
export async function setup(): Promise<void> {
  await buildMain({ nodeOnly: true });
}
