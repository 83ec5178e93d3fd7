/**
 * The default-domain (ai.onnx) opset an ONNX file imports, read by walking only the top level of the ModelProto
 * protobuf (field 8, opset_import) and skipping everything else by length, so a large model's graph and weights
 * are never decoded. Returns null when the bytes are not a well-formed ModelProto or import no default opset;
 * replay decodes and checks the file itself before running it.
 */
export function readOnnxOpset(bytes: Uint8Array): number | null {
  const reader = new Reader(bytes, 0, bytes.length);
  let opset: number | null = null;
  try {
    while (!reader.done()) {
      const { field, wire } = reader.tag();
      if (field === 8 && wire === 2) {
        const entry = readOperatorSet(reader.sub());
        if (entry.domain === '' || entry.domain === 'ai.onnx') opset = entry.version;
      } else reader.skip(wire);
    }
  } catch {
    return null;
  }
  return opset;
}

function readOperatorSet(reader: Reader): { domain: string; version: number | null } {
  let domain = '';
  let version: number | null = null;
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === 2) domain = new TextDecoder('utf-8', { fatal: true }).decode(reader.bytes());
    else if (field === 2 && wire === 0) version = reader.varint();
    else reader.skip(wire);
  }
  return { domain, version };
}

class Reader {
  constructor(
    private readonly buf: Uint8Array,
    private pos: number,
    private readonly end: number,
  ) {}

  done(): boolean {
    return this.pos >= this.end;
  }

  tag(): { field: number; wire: number } {
    const key = this.varint();
    return { field: Math.floor(key / 8), wire: key % 8 };
  }

  /** A varint up to 2^53 (opset versions and lengths are small); longer ones are refused. */
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 56; shift += 7) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const byte = this.buf[this.pos++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new Error('varint too long');
  }

  bytes(): Uint8Array {
    const length = this.varint();
    if (this.pos + length > this.end) throw new Error('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  sub(): Reader {
    const length = this.varint();
    if (this.pos + length > this.end) throw new Error('truncated message');
    const reader = new Reader(this.buf, this.pos, this.pos + length);
    this.pos += length;
    return reader;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.advance(8);
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.advance(4);
    else throw new Error(`unsupported wire type ${wire}`);
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new Error('truncated field');
    this.pos += n;
  }
}
