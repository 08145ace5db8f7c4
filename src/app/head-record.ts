/**
 * A small record, kept OUTSIDE IndexedDB, of the longest log this browser
 * last had. Chromium can lose its IndexedDB files on a crash (it then deletes
 * the database and starts empty) and a user can clear site data; either way
 * the log itself cannot tell it was ever longer. Comparing it with this
 * record at start-up can.
 */
export interface HeadRecordValue {
  /** Format of this record. */
  v: 1;
  /** Head seq the log had. */
  head: number;
  /** When it was written (epoch ms). */
  at: number;
}

/** Port: where the record lives (localStorage in the browser, memory in tests). */
export interface HeadRecordStore {
  read(): HeadRecordValue | null;
  write(head: number): void;
}

/** localStorage, one key per database name. Storage errors (private mode, quota) only cost the warning. */
export function localStorageHeadRecord(storage: Storage, dbName: string): HeadRecordStore {
  const key = `eventdesk.head:${dbName}`;
  return {
    read() {
      try {
        return parseHeadRecord(storage.getItem(key));
      } catch {
        return null;
      }
    },
    write(head) {
      try {
        storage.setItem(key, JSON.stringify({ v: 1, head, at: Date.now() } satisfies HeadRecordValue));
      } catch {
        /* best effort */
      }
    },
  };
}

export function memoryHeadRecord(): HeadRecordStore {
  let value: HeadRecordValue | null = null;
  return {
    read: () => value,
    write: (head) => {
      value = { v: 1, head, at: Date.now() };
    },
  };
}

/** Pure: the stored text as a record, or null when absent or not understood. */
export function parseHeadRecord(text: string | null): HeadRecordValue | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<HeadRecordValue>;
    if (value.v !== 1 || !Number.isInteger(value.head) || (value.head as number) < 0) return null;
    return { v: 1, head: value.head as number, at: Number(value.at) || 0 };
  } catch {
    return null;
  }
}
