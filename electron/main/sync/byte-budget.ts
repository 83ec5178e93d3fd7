import { Transform, type TransformCallback } from 'node:stream';
import type { AttestError } from '../core/errors';

/**
 * A pass-through that refuses to carry more bytes than its budget. Tar readers keep consuming after the
 * end-of-archive blocks, so without a budget a decompression bomb is inflated to its end before it is refused.
 */
export class ByteBudget extends Transform {
  private seen = 0;

  constructor(
    private limit: number,
    private readonly describe: (limit: number) => AttestError,
  ) {
    super();
  }

  /** Raise or lower the budget once more is known (e.g. after the manifest declares its members). */
  setLimit(limit: number): void {
    this.limit = limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      callback(this.describe(this.limit));
      return;
    }
    callback(null, chunk);
  }
}
