/**
 * Lines of a text file read as a stream: the file is never one string in
 * memory, only the current chunk and an unfinished line. Lines keep their
 * 1-based numbers (blank ones count); CR before LF is dropped.
 */

export interface LineBatch {
  /** Non-blank lines of this chunk with their numbers. */
  lines: { text: string; lineNo: number }[];
  /** Bytes of the file read so far. */
  bytesRead: number;
}

export class LineTooLong extends Error {
  constructor(
    readonly lineNo: number,
    readonly maxChars: number,
  ) {
    super(`line ${lineNo} is longer than ${maxChars.toLocaleString('en-US')} characters (an event is far smaller; is this an export?)`);
  }
}

/** Bytes read per chunk when the Blob has no stream() (older engines, jsdom). */
const SLICE_BYTES = 1024 * 1024;

async function* byteChunks(file: Blob): AsyncGenerator<Uint8Array> {
  if (typeof file.stream === 'function') {
    const reader = file.stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      // Stopping early (an error, a cancel) releases the file.
      await reader.cancel().catch(() => undefined);
    }
  }
  for (let at = 0; at < file.size; at += SLICE_BYTES) {
    yield new Uint8Array(await readSlice(file.slice(at, at + SLICE_BYTES)));
  }
}

function readSlice(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/** Batches of lines, one per chunk read. Throws LineTooLong rather than buffer a line past `maxLineChars`. */
export async function* readLines(file: Blob, maxLineChars: number): AsyncGenerator<LineBatch> {
  // A streaming UTF-8 decoder: a character split across chunks is joined, a BOM at the start dropped.
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let lineNo = 1;
  let bytesRead = 0;
  const split = (text: string, final: boolean): LineBatch => {
    const lines: LineBatch['lines'] = [];
    let pos = 0;
    for (;;) {
      const end = text.indexOf('\n', pos);
      if (end === -1) break;
      push(lines, text.slice(pos, end), lineNo++);
      pos = end + 1;
    }
    rest = text.slice(pos);
    if (rest.length > maxLineChars) throw new LineTooLong(lineNo, maxLineChars);
    if (final && rest !== '') {
      push(lines, rest, lineNo++);
      rest = '';
    }
    return { lines, bytesRead };
  };
  for await (const chunk of byteChunks(file)) {
    bytesRead += chunk.byteLength;
    yield split(rest + decoder.decode(chunk, { stream: true }), false);
  }
  yield split(rest + decoder.decode(), true);
}

function push(lines: LineBatch['lines'], raw: string, lineNo: number): void {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.trim() !== '') lines.push({ text, lineNo });
}
