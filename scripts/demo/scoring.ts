import * as ort from 'onnxruntime-node';

const BATCH = 1024;

/** Rows to score: one Float32 column per feature, in the model's input order. */
export interface ScoringInput {
  features: readonly string[];
  columns: ArrayLike<number>[];
  rows: number;
}

/**
 * Score rows with the real ONNX artifact in onnxruntime (one thread, batches of 1024): these are the numbers
 * the bank's decision engine logged, so replaying a logged decision must give them back exactly.
 */
export async function scoreWithOnnx(model: Uint8Array, output: string, input: ScoringInput): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(Buffer.from(model), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const scores = new Float32Array(input.rows);
    const cols = input.columns.map((c) => Float32Array.from(c));
    for (let start = 0; start < input.rows; start += BATCH) {
      const n = Math.min(BATCH, input.rows - start);
      const feeds: Record<string, ort.Tensor> = {};
      input.features.forEach((f, j) => {
        feeds[f] = new ort.Tensor('float32', (cols[j] as Float32Array).slice(start, start + n), [n, 1]);
      });
      const result = await session.run(feeds);
      const out = result[output];
      if (!out) throw new Error(`model has no output ${output}`);
      scores.set(out.data as Float32Array, start);
    }
    return scores;
  } finally {
    await session.release();
  }
}
