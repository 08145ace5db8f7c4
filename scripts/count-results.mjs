#!/usr/bin/env node
// Prints exactly one line, "N passed, N failed", from a Vitest JSON report
// (default test-results/vitest.json) and exits 1 if anything failed.
//   node scripts/count-results.mjs [path/to/vitest.json]
// A crash must never read as "0 failed":
//  - missing/unreadable report                       -> counts as 1 failure
//  - a failed file/suite with no failed test in it   -> counts as 1 failure
//    (e.g. import error, failing beforeAll/globalSetup)
//  - success === false but nothing counted as failed -> counts as 1 failure
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = Number(report.numPassedTests) || 0;
  failed = Number(report.numFailedTests) || 0;
  const firstLine = (m) => String(m ?? '').split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 200) ?? '';
  for (const suite of report.testResults ?? []) {
    const assertions = suite.assertionResults ?? [];
    const anyFailed = assertions.some((a) => a.status === 'failed');
    const where = String(suite.name ?? '').replace(/^.*?\/(tests|src)\//, '$1/');
    // Name what failed, and what passed only on a retry (CI retries once), so the tail of the CI log says which.
    for (const a of assertions) {
      const msgs = a.failureMessages ?? [];
      if (a.status === 'failed') console.error(`FAILED: ${where} > ${a.fullName ?? a.title} — ${firstLine(msgs[0])}`);
      else if (a.status === 'passed' && msgs.length > 0)
        console.error(`flaky (passed on retry): ${where} > ${a.fullName ?? a.title} — ${firstLine(msgs[0])}`);
    }
    if (suite.status === 'failed' && !anyFailed) {
      failed += 1;
      const msg = String(suite.message ?? '').split('\n')[0];
      console.error(`count-results: file failed without a failing test: ${suite.name}${msg ? ` — ${msg}` : ''}`);
    }
  }
  if (report.success === false && failed === 0) {
    failed = 1;
    console.error('count-results: Vitest reported success=false (run error) — counting 1 failure');
  }
  // Vitest exits non-zero on unhandled errors even when every test passed (and its JSON still says success).
  if (process.env.TEST_EXIT && process.env.TEST_EXIT !== '0' && failed === 0) {
    failed = 1;
    console.error(`count-results: the test run exited with ${process.env.TEST_EXIT} (e.g. unhandled errors) — counting 1 failure`);
  }
  if (passed + failed === 0) {
    failed = 1;
    console.error('count-results: no tests ran — counting 1 failure');
  }
} catch (err) {
  console.error(`count-results: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  failed = Math.max(failed, 1);
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
