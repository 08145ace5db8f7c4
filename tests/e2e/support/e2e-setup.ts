// setupFiles entry of the "e2e" project: runs in every e2e test file.
// If Chromium is missing, fail every test loudly instead of skipping.
import { beforeAll, inject } from 'vitest';

beforeAll(() => {
  const problem = inject('chromeProblem');
  if (problem) throw new Error(problem);
  if (!inject('serverUrl')) throw new Error('e2e: no server URL provided by global-setup');
});
