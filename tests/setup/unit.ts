// Setup for the "unit" Vitest project (jsdom).
// - fake-indexeddb/auto installs indexedDB, IDBKeyRange, ... on globalThis
//   before any test module (and therefore Dexie) is imported.
// - jest-dom adds DOM matchers (toBeInTheDocument, toHaveAccessibleName, ...).
// - RTL's auto-cleanup needs global afterEach (we don't enable globals), so
//   unmount rendered trees explicitly.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy/waitFor give up after 1 s by default; with eight test runs sharing two cores a real desk on
// fake-indexeddb can take longer to show a change. A real failure still fails, only later.
configure({ asyncUtilTimeout: 8_000 });

if (typeof globalThis.structuredClone !== 'function') {
  throw new Error('structuredClone is missing: Node >= 20.19 is required');
}

afterEach(() => {
  cleanup();
});
