/** The synthetic decision the import bench logs as row `i` (shared by the bundle writer and the raw loop). */
export function decision(i: number) {
  return {
    decisionId: `D-${i}`,
    model: 'bench-pd',
    version: '1',
    decidedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    requestId: `R-${i}`,
    inputs: { income: 20_000 + (i % 5000), age: 18 + (i % 60), region: `r${i % 7}`, utilisation: (i % 100) / 100, late_payments: i % 4 },
    outputs: { pd: [((i * 7919) % 1000) / 1000] },
    decision: i % 3 === 0 ? 'DECLINE' : 'APPROVE',
    attributes: { age_band: `${10 * Math.floor((18 + (i % 60)) / 10)}s` },
  };
}
