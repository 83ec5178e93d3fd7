import type { Reporter, TestModule } from 'vitest/node';

/** Prints the plain closing line CI reads: "<project>: N passed, N failed, N skipped". */
export class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const projects = new Set<string>();
    for (const module of testModules) {
      projects.add(module.project.name || 'tests');
      // A file that fails before its tests run (a hook, an import) counts as one failure, never as zero.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    const label = [...projects].sort().join('+') || 'tests';
    process.stdout.write(`\n${label}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

export { SummaryReporter as default };
