// Writes resources/demo/: the fictional Northwind Savings Bank as signed monthly snapshot bundles (docs/demo-data.md).
// Usage: npm run demo:generate [-- --out DIR] [--decision-scale X] [--training-scale X] [--months N]
import { resolve } from 'node:path';
import { DEFAULT_DEMO_CONFIG, generateDemo } from './demo/generate';
import type { DemoConfig } from './demo/generate';

function parseArgs(argv: string[]): DemoConfig {
  const config: DemoConfig = { outDir: resolve('resources/demo'), ...DEFAULT_DEMO_CONFIG };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag ?? ''} needs a value`);
    if (flag === '--out') config.outDir = resolve(value);
    else if (flag === '--decision-scale') config.decisionScale = Number(value);
    else if (flag === '--training-scale') config.trainingScale = Number(value);
    else if (flag === '--months') config.months = Number(value);
    else throw new Error(`unknown option ${flag ?? ''}`);
  }
  return config;
}

async function main(): Promise<void> {
  const config = parseArgs(process.argv.slice(2));
  const index = await generateDemo(config, (line) => console.log(line));
  const total = index.bundles.reduce((s, b) => s + b.size, 0);
  console.log(`wrote ${index.bundles.length} bundles (${(total / 1e6).toFixed(1)} MB) to ${config.outDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
