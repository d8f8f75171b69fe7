/**
 * A tiny protobuf writer for tests: just enough (varints and length-delimited fields) to
 * encode the KPL `AggregatedRecord` byte for byte, independently of the size arithmetic in
 * `models/kpl`. Written from the protobuf encoding spec, sharing no code with the model.
 */

/** Protobuf wire types used here. */
export const WIRE_VARINT = 0;
export const WIRE_LENGTH_DELIMITED = 2;

export class ProtobufWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: number[] = [];

  /** Appends a base-128 varint (little-endian groups of 7 bits, high bit = more follow). */
  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`bad varint ${value}`);
    let rest = value;
    while (rest >= 0x80) {
      this.pending.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.pending.push(rest);
    return this;
  }

  /** Appends a field key: `(fieldNumber << 3) | wireType`, as a varint. */
  tag(fieldNumber: number, wireType: number): this {
    return this.varint(fieldNumber * 8 + wireType);
  }

  /** Appends raw bytes. */
  raw(bytes: Uint8Array): this {
    this.flushPending();
    this.chunks.push(bytes);
    return this;
  }

  /** Appends a uint64 field. */
  uint64Field(fieldNumber: number, value: number): this {
    return this.tag(fieldNumber, WIRE_VARINT).varint(value);
  }

  /** Appends a bytes (or embedded message) field: key, length, payload. */
  bytesField(fieldNumber: number, bytes: Uint8Array): this {
    return this.tag(fieldNumber, WIRE_LENGTH_DELIMITED).varint(bytes.length).raw(bytes);
  }

  /** Appends a string field, UTF-8 encoded. */
  stringField(fieldNumber: number, text: string): this {
    return this.bytesField(fieldNumber, new TextEncoder().encode(text));
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    this.flushPending();
    const out = new Uint8Array(this.chunks.reduce((total, chunk) => total + chunk.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  private flushPending(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Uint8Array.from(this.pending));
    this.pending = [];
  }
}
