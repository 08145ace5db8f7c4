import { useMemo, useState } from 'react';
import type { ImportError } from '../../app/ndjson-import';

/**
 * What the sections of the Data panel share: one job at a time (export,
 * import, …), one progress line and one place for the outcome, so a screen
 * reader hears every result in the same live region.
 */

/** Already translated by the section that runs the job. */
export interface ProgressView {
  label: string;
  /** Absent: indeterminate. */
  value?: number;
  max?: number;
}

export type Feedback =
  | { kind: 'status'; text: string }
  | { kind: 'failure'; text: string }
  | { kind: 'rejection'; title: string; errors: ImportError[]; more: number };

export interface DataActivity {
  /** A job is running or waiting for the user: every section's job controls are disabled. */
  readonly locked: boolean;
  /** Hold (a name) or release (null) the panel for a job. */
  hold(job: string | null): void;
  showProgress(progress: ProgressView | null): void;
  /** Replaces the previous outcome; null clears it when a new job starts. */
  report(feedback: Feedback | null): void;
}

export interface DataActivityState {
  activity: DataActivity;
  progress: ProgressView | null;
  feedback: Feedback | null;
}

export function useDataActivity(): DataActivityState {
  const [job, setJob] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const locked = job !== null;
  const activity = useMemo<DataActivity>(
    () => ({ locked, hold: setJob, showProgress: setProgress, report: setFeedback }),
    [locked],
  );
  return { activity, progress, feedback };
}
