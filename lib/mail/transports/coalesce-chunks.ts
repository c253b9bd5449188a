// nodemailer writes a message to the socket as its MIME pipeline makes it: a header, a line of
// quoted-printable, a boundary — a write (a system call) for each, some twenty for a 5 KB email.
// Joined into pieces of up to 64 KB, a small message leaves in one write and a large attachment
// still streams, with back-pressure, 64 KB at a time.
import { Transform, type TransformCallback } from 'node:stream';

const PIECE_BYTES = 64 * 1024;

export class CoalesceChunks extends Transform {
  private chunks: Buffer[] = [];
  private size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= PIECE_BYTES) this.push(this.joined());
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.size > 0) this.push(this.joined());
    done();
  }

  private joined(): Buffer {
    const piece = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    return piece;
  }
}
