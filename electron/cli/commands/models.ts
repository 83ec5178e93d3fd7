import type { Inventory } from '../../../shared/schemas/registry';
import { type Command, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson, formatTable, shortHash } from '../format';
import { call, withMain } from '../with-main';

/** `attest models`: the inventory as the Inventory screen shows it. */
export const modelsCommand: Command = {
  name: 'models',
  summary: 'List registered models and versions (aliases, risk tier, artifact hash), optionally as of a date.',
  usage: 'attest models [--workspace DIR] [--as-of DATE] [--json]',
  options: { ...workspaceOption, ...jsonOption, 'as-of': { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run: (args, io) =>
    withMain(args, io, async (main) => {
      const asOf = stringFlag(args, 'as-of');
      const inventory = await call(main, 'models:list', asOf ? { asOf } : {});
      io.stdout(booleanFlag(args, 'json') ? formatJson(inventory) : renderInventory(inventory));
      return 0;
    }),
};

function renderInventory(inventory: Inventory): string {
  const heading = inventory.asOf ? `Registry as of ${inventory.asOf}` : 'Registry (current)';
  if (inventory.models.length === 0) return `${heading}: no registered models. Import a bundle with \`attest import\`.\n`;
  const rows = inventory.models.flatMap((m) =>
    m.versions.map((v) => [
      m.name,
      v.version,
      v.aliases.join(',') || '-',
      v.stage ?? '-',
      m.riskTier ?? '-',
      m.owner ?? '-',
      shortHash(v.artifactSha256),
      v.verification === 'unverified' ? 'UNVERIFIED' : v.verification,
    ]),
  );
  const versionCount = rows.length;
  return (
    `${heading}: ${inventory.models.length} models, ${versionCount} versions\n\n` +
    formatTable(['MODEL', 'VERSION', 'ALIASES', 'STAGE', 'RISK TIER', 'OWNER', 'ARTIFACT', 'SNAPSHOT'], rows)
  );
}
