// `node scripts/electronegativity.mjs`: run Doyensec's electronegativity scanner on the app sources and the built
// console, and fail on any high or critical finding not explained in .electronegativity.json. The scanner tries
// to fetch Electron release data first; offline that costs about 10 s of time-outs and does not change the result.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');

/** Split one CSV line of the scanner's report (quoted fields may hold commas). */
export function csvFields(line) {
  const fields = [];
  for (const match of line.matchAll(/\s*("((?:[^"]|"")*)"|[^,]*)\s*(,|$)/g)) {
    if (match.index === line.length && fields.length > 0) break;
    fields.push(match[2] !== undefined ? match[2].replace(/""/g, '"') : match[1].trim());
  }
  return fields;
}

/** The high and critical findings of a report, each with the file relative to the repository. */
export function severeFindings(csv) {
  return csv
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [issue, severity, confidence, filename, location, sample] = csvFields(line);
      return { issue, severity, confidence, file: relative(root, filename), location, sample };
    })
    .filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
}

function scan() {
  const out = mkdtempSync(join(tmpdir(), 'attest-eneg-'));
  try {
    execFileSync(process.execPath, [bin, '-i', root, '-o', join(out, 'report.csv')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
    return readFileSync(join(out, 'report.csv'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function main() {
  const allowed = JSON.parse(readFileSync(join(root, '.electronegativity.json'), 'utf8')).allowed;
  const findings = severeFindings(scan()).filter((f) => !f.file.startsWith('node_modules/'));
  const unexplained = findings.filter((f) => !allowed.some((a) => a.issue === f.issue && a.file === f.file));
  for (const f of findings) {
    const known = !unexplained.includes(f);
    console.log(`${known ? 'explained ' : 'UNEXPLAINED'} ${f.severity} ${f.issue} ${f.file}:${f.location}`);
  }
  if (unexplained.length > 0) {
    console.error(`electronegativity: ${unexplained.length} high or critical finding(s) are not explained in .electronegativity.json.`);
    process.exit(1);
  }
  console.log(`electronegativity: ${findings.length} high or critical finding(s), all explained in .electronegativity.json.`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
