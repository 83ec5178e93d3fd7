import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runImportBench } from './import';
import { runInventoryBrowserBench } from './inventory-browser';
import { runPacksBench } from './packs';
import { runReplayBench } from './replay';
import type { BenchResult } from './types';

/** `npm run bench [-- suite ...]`: speed and memory targets, measured here rather than in timed tests. */
const SUITES: Record<string, () => Promise<BenchResult[]>> = {
  import: runImportBench,
  replay: runReplayBench,
  packs: runPacksBench,
  inventory: runInventoryBrowserBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in SUITES));
  if (unknown.length > 0) {
    console.error(`bench: unknown suite(s) ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}.`);
    process.exit(2);
  }
  const results: (BenchResult & { suite: string })[] = [];
  for (const [suite, run] of Object.entries(SUITES)) {
    if (wanted.length > 0 && !wanted.includes(suite)) continue;
    const started = Date.now();
    process.stdout.write(`bench: ${suite}…\n`);
    for (const result of await run()) results.push({ suite, ...result });
    process.stdout.write(`bench: ${suite} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  printTable(results);
  const out = join(process.cwd(), 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench.json'), `${JSON.stringify({ machine: machineFacts(), results }, null, 2)}\n`);
  process.stdout.write(`\nWritten to test-results/bench.json\n`);
}

function printTable(results: (BenchResult & { suite: string })[]): void {
  const rows = results.map((r) => [
    r.suite,
    r.name,
    `${Number.isInteger(r.value) ? r.value : r.value.toPrecision(4)} ${r.unit}`,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'met' : 'MISSED',
  ]);
  const headers = ['SUITE', 'MEASURE', 'VALUE', 'TARGET', ''];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write(`\n${[line(headers), ...rows.map(line)].join('\n')}\n`);
}

function machineFacts(): Record<string, unknown> {
  return { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), platform: process.platform };
}

main().catch((error: unknown) => {
  console.error(`bench: failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
