import { AsOf } from '../../../shared/schemas/common';
import type { LineageEdge, LineageGraph, LineageNode } from '../../../shared/schemas/lineage';
import { AttestError } from '../../main/core/errors';
import { type Command, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson } from '../format';
import { call, withMain } from '../with-main';

const NODE_TYPES = [
  'dataset',
  'job',
  'run',
  'mlflow-run',
  'mlflow-dataset',
  'model-version',
  'decisions',
] as const;
const NODE_HINT = `A node is TYPE:KEY with TYPE one of ${NODE_TYPES.join(', ')}; e.g. model-version:credit-pd/3, dataset:s3://raw/loans, mlflow-run:RUN_ID.`;

/** `attest lineage NODE`: walk the joined lineage graph upstream or downstream, as of a date. */
export const lineageCommand: Command = {
  name: 'lineage',
  summary:
    'Walk the joined lineage (dataset -> job -> run -> MLflow run -> model version -> decisions) upstream or downstream from a node.',
  usage:
    'attest lineage NODE [--upstream | --downstream] [--as-of DATE] [--workspace DIR] [--json]   (NODE: e.g. model-version:credit-pd/3)',
  options: {
    ...workspaceOption,
    ...jsonOption,
    upstream: { type: 'boolean' },
    downstream: { type: 'boolean' },
    'as-of': { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  run: (args, io) => {
    const node = args.positionals[0] ?? '';
    const type = node.slice(0, node.indexOf(':'));
    if (!(NODE_TYPES as readonly string[]).includes(type) || node.length <= type.length + 1) {
      return Promise.reject(new AttestError('bad-request', `"${node}" is not a lineage node.`, NODE_HINT));
    }
    if (booleanFlag(args, 'upstream') && booleanFlag(args, 'downstream')) {
      return Promise.reject(
        new AttestError(
          'bad-request',
          'Give --upstream or --downstream, not both.',
          `Usage: ${lineageCommand.usage}`,
        ),
      );
    }
    const asOf = stringFlag(args, 'as-of');
    if (asOf !== undefined && !AsOf.safeParse(asOf).success) {
      return Promise.reject(
        new AttestError(
          'bad-request',
          `--as-of "${asOf}" is not a date (2026-03-31) or a time with offset (2026-03-31T12:00:00Z).`,
        ),
      );
    }
    const direction = booleanFlag(args, 'downstream') ? 'downstream' : 'upstream';
    return withMain(args, io, async (main) => {
      const graph = await call(main, 'lineage:walk', { node, direction, ...(asOf ? { asOf } : {}) });
      io.stdout(booleanFlag(args, 'json') ? formatJson(graph) : renderLineage(graph));
      return 0;
    });
  },
};

/** The walk as an indented tree from the start; a node reached again is named, not expanded twice. */
export function renderLineage(g: LineageGraph): string {
  const when = g.asOf ? ` as of ${g.asOf}` : '';
  const title = `${g.direction === 'upstream' ? 'Upstream' : 'Downstream'} lineage of ${g.start}${when}`;
  if (g.edges.length === 0) {
    return `${title}: nothing is linked to it.\n  Check the node (${NODE_HINT}) and the date; \`attest history\` lists what was imported when.\n`;
  }
  const nodes = new Map(g.nodes.map((n) => [n.key, n]));
  const incident = new Map<string, LineageEdge[]>();
  for (const e of g.edges)
    for (const end of [e.from, e.to]) incident.set(end, [...(incident.get(end) ?? []), e]);
  const lines = [`${title}: ${g.nodes.length} nodes, ${g.edges.length} links`, ''];
  const shown = new Set<string>();
  const used = new Set<LineageEdge>();
  const visit = (key: string, depth: number, via: string) => {
    const again = shown.has(key);
    lines.push(
      `${'  '.repeat(depth)}${via}${describe(nodes.get(key), key)}${again ? '  (shown above)' : ''}`,
    );
    if (again) return;
    shown.add(key);
    for (const e of incident.get(key) ?? []) {
      if (used.has(e)) continue;
      used.add(e);
      visit(e.from === key ? e.to : e.from, depth + 1, e.from === key ? `-${e.type}-> ` : `<-${e.type}- `);
    }
  };
  visit(g.start, 0, '');
  if (g.truncated)
    lines.push('', `Stopped at ${g.nodes.length} nodes; start from a node further along to see the rest.`);
  return `${lines.join('\n')}\n`;
}

function describe(node: LineageNode | undefined, key: string): string {
  if (!node) return key;
  const count = node.count === undefined ? '' : ` (${node.count} decision${node.count === 1 ? '' : 's'})`;
  return `${node.type} ${node.label}${count}`;
}
