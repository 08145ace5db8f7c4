// Damaging EventDesk's IndexedDB on purpose, from the page, with the raw
// indexedDB API (never through the app): what a disk error, a browser bug or
// a stray extension could leave behind. Used by the corruption and storage tests.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const DB_NAME = 'eventdesk';

/** A primary key of the app's tables (a number, a string, or a compound key). */
export type RecordKey = number | string | (number | string)[];

/**
 * Runs `edit(record)` on the record of `store` at `key` and writes back what it returns, in one
 * raw readwrite transaction. `edit` is the source of a function `(record, checksum32) => record`;
 * `checksum32` is the app's FNV-1a, for a record that must still verify. Returns the record as it was.
 */
export async function editRecord(page: Page, store: string, key: RecordKey, edit: string): Promise<unknown> {
  return page.evaluate(
    async ({ db, store, key, edit }) => {
      const checksum32 = (text: string): number => {
        let h = 0x811c9dc5;
        for (let i = 0; i < text.length; i++) {
          h ^= text.charCodeAt(i);
          h = Math.imul(h, 16777619);
        }
        return h >>> 0;
      };
      const fn = (0, eval)(`(${edit})`) as (r: unknown, c: typeof checksum32) => unknown;
      const conn = await new Promise<IDBDatabase>((res, rej) => {
        const req = indexedDB.open(db);
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      try {
        return await new Promise<unknown>((res, rej) => {
          const tx = conn.transaction(store, 'readwrite');
          const os = tx.objectStore(store);
          let before: unknown;
          const get = os.get(key);
          get.onsuccess = () => {
            before = get.result;
            if (before === undefined) {
              tx.abort();
              rej(new Error(`no record ${JSON.stringify(key)} in ${store}`));
              return;
            }
            os.put(fn(structuredClone(before), checksum32));
          };
          tx.oncomplete = () => res(before);
          tx.onerror = () => rej(tx.error);
        });
      } finally {
        conn.close();
      }
    },
    { db: DB_NAME, store, key, edit },
  );
}

/** Primary keys of a store of the app's database (raw indexedDB). */
export async function recordKeys(page: Page, store: string): Promise<RecordKey[]> {
  return page.evaluate(
    async ({ db, store }) => {
      const conn = await new Promise<IDBDatabase>((res, rej) => {
        const req = indexedDB.open(db);
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      try {
        return await new Promise<RecordKey[]>((res, rej) => {
          const req = conn.transaction(store).objectStore(store).getAllKeys();
          req.onsuccess = () => res(req.result as RecordKey[]);
          req.onerror = () => rej(req.error);
        });
      } finally {
        conn.close();
      }
    },
    { db: DB_NAME, store },
  );
}

/** Shows the desk in `language` ('en' | 'ko') through the header's switch. */
export async function showLanguage(page: Page, language: 'en' | 'ko'): Promise<void> {
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: language === 'en' ? 'English' : '한국어' }).click();
  await page.waitForFunction((l) => window.__eventdesk.store.getState().language === l, language, { timeout: 5_000 });
}

/**
 * Screenshots of the page's storage alert (or what `selector` finds) in English and Korean, saved under
 * SCREENSHOT_DIR (default /tmp/relb) as `<name>-en.png` / `<name>-ko.png`, then back to English.
 */
export async function alertScreenshots(page: Page, name: string, selector = '.storage-problem[role="alert"]'): Promise<string[]> {
  const dir = process.env.SCREENSHOT_DIR ?? '/tmp/relb';
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const language of ['en', 'ko'] as const) {
    await showLanguage(page, language);
    const alert = page.locator(selector).first();
    await alert.waitFor({ state: 'visible', timeout: 5_000 });
    await alert.scrollIntoViewIfNeeded();
    const path = `${dir}/${name}-${language}.png`;
    await page.screenshot({ path, fullPage: false });
    paths.push(path);
  }
  await showLanguage(page, 'en');
  return paths;
}
