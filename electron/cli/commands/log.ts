import { resolve } from 'node:path';
import type { AuditVerification } from '../../../shared/schemas/governance';
import { AttestError } from '../../main/core/errors';
import { verifyAuditExportFile } from '../../main/governance/audit-file';
import { type Command, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson } from '../format';
import { call, withMain } from '../with-main';

/** `attest log verify`: walk the audit chain and name the first broken link (exit 1 when broken). */
export const logVerifyCommand: Command = {
  name: 'log verify',
  summary: 'Check the tamper-evident audit log (or an exported copy) and name the first broken link.',
  usage: 'attest log verify [--workspace DIR] [--expect-head HASH] [--file EXPORT.jsonl] [--json]',
  options: { ...workspaceOption, ...jsonOption, 'expect-head': { type: 'string' }, file: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run: async (args, io) => {
    const file = stringFlag(args, 'file');
    const expectHead = stringFlag(args, 'expect-head');
    const verification = file
      ? verifyAuditExportFile(resolve(file))
      : await withMain(args, io, (main) => call(main, 'audit:verify', expectHead ? { expectHead } : {}));
    io.stdout(booleanFlag(args, 'json') ? formatJson(verification) : renderVerification(verification, file));
    return verification.ok ? 0 : 1;
  },
};

/** `attest log export --out FILE`: the log with its chain, as JSON lines for an auditor. */
export const logExportCommand: Command = {
  name: 'log export',
  summary: 'Write the audit log with its hash chain and head hash to a JSON-lines file for an auditor.',
  usage: 'attest log export --out FILE [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption, out: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run: (args, io) => {
    const out = stringFlag(args, 'out');
    if (!out) throw new AttestError('bad-request', 'log export needs --out FILE.', 'Usage: attest log export --out FILE');
    return withMain(args, io, async (main) => {
      const result = await call(main, 'audit:export', { outPath: resolve(out) });
      if (booleanFlag(args, 'json')) io.stdout(formatJson(result));
      else {
        io.stdout(`Exported ${result.rowCount} audit rows to ${result.path}\nHead hash: ${result.headHash}\n`);
        if (!result.verification.ok) io.stdout(`WARNING: the log did not verify at export: ${result.verification.firstBreak?.message ?? ''}\n`);
      }
      return 0;
    }, { lockFor: 'attest log export' });
  },
};

function renderVerification(v: AuditVerification, file: string | undefined): string {
  const what = file ? `Audit export ${file}` : 'Audit log';
  const lines: string[] = [];
  if (v.firstBreak) {
    const b = v.firstBreak;
    lines.push(`${what}: BROKEN at row ${b.rowId} (${b.kind}, ${b.field}).`, b.message, `  expected ${b.expected}`, `  found    ${b.found}`);
  } else if (v.anchor && !v.anchor.found) {
    lines.push(`${what}: BROKEN: the expected head ${v.anchor.expectedHead} is not in the log (rows at the end were removed or rewritten).`);
  } else {
    lines.push(`${what}: OK, ${v.rowCount} rows, chain intact.`, `Head hash: ${v.headHash}`);
    if (v.anchor) lines.push(`Anchor ${v.anchor.expectedHead.slice(0, 12)}… found at row ${v.anchor.atRowId ?? '(genesis)'}.`);
  }
  if (!v.appendOnlyEnforced) lines.push('WARNING: the append-only triggers on audit_event were removed from this database.');
  return `${lines.join('\n')}\n`;
}
