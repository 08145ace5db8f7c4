import { describe, expect, it } from 'vitest';
import { LineTooLong, readLines } from '../../src/app/ndjson-lines';

/** A Blob whose stream() hands out the given byte chunks, and whose text() must never be called. */
function chunkedBlob(chunks: Uint8Array[]): Blob {
  const size = chunks.reduce((n, c) => n + c.byteLength, 0);
  return {
    size,
    text: () => Promise.reject(new Error('the whole file was read as one string')),
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const c of chunks) controller.enqueue(c);
          controller.close();
        },
      }),
  } as unknown as Blob;
}

async function collect(blob: Blob, max = 1_000) {
  const out: [number, string][] = [];
  for await (const batch of readLines(blob, max)) for (const l of batch.lines) out.push([l.lineNo, l.text]);
  return out;
}

describe('readLines', () => {
  it('joins lines and multi-byte characters split across chunks, keeps line numbers over blank lines, drops CR and the BOM', async () => {
    const bytes = new TextEncoder().encode('\uFEFF{"a":"가나"}\r\n\n  \n{"b":1}\n{"c":"다"}');
    // Cut inside "가" (3 bytes) and between \r and \n.
    const cuts = [5, 9, 14, 15, 22];
    const chunks: Uint8Array[] = [];
    let at = 0;
    for (const cut of [...cuts, bytes.length]) {
      chunks.push(bytes.slice(at, cut));
      at = cut;
    }
    expect(await collect(chunkedBlob(chunks))).toEqual([
      [1, '{"a":"가나"}'],
      [4, '{"b":1}'],
      [5, '{"c":"다"}'],
    ]);
  });

  it('refuses a line longer than the limit instead of buffering it', async () => {
    const line = new TextEncoder().encode('{"x":1}\n' + 'y'.repeat(50));
    await expect(collect(chunkedBlob([line.slice(0, 20), line.slice(20)]), 30)).rejects.toBeInstanceOf(LineTooLong);
    await expect(collect(chunkedBlob([line]), 30)).rejects.toMatchObject({ lineNo: 2 });
  });

  it('reports the bytes read so far with each batch', async () => {
    const enc = new TextEncoder();
    const seen: number[] = [];
    for await (const b of readLines(chunkedBlob([enc.encode('{"a":1}\n'), enc.encode('{"b":2}\n')]), 100)) seen.push(b.bytesRead);
    expect(seen).toEqual([8, 16, 16]);
  });
});
