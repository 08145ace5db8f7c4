import type { StoredEvent } from '../engine/event-envelope';
import { ordersBoardProjection } from './orders-board';
import { passbookProjection } from './passbook';
import { postsProjection } from './posts';

/**
 * A run of events condensed for Compare: `RangeFold.addSummary(summarizeRange(events))`
 * gives the same comparison as `RangeFold.add(events)`, at a fraction of the
 * work. 89% of the log is execution batches and most of the rest likes, so:
 *
 * - the batches of one order that follow each other with no other event of that
 *   order (and no PostCreated) between them become ONE batch carrying their
 *   summed likes, at the first one's place: the comparison reads only
 *   `delivered` and the likes of the order's post, which are sums; everything
 *   that could change where those sums land (the order placed or ended, so its
 *   post mapping; a post created) breaks the run;
 * - the likes and unlikes of one (post, user) with no PostCreated between them
 *   become ONE event at the first one's place with the last one's type: liking
 *   is set-like, so only the last says whether the user likes the post after
 *   the run, and the count moves by (after − before) either way;
 * - every other event is kept as it is (passbook lines, order status changes).
 *
 * The per-event columns (type, stream) are kept too: the panel lists and
 * filters every event of the range. Derived data: keyed by SUMMARY_VERSION,
 * which moves with the projections it condenses for.
 */
export interface RangeSummary {
  /** The run covers seqs from+1 … to, all of them. */
  from: number;
  to: number;
  /** Events that fold to the same comparison, in seq order (see above). */
  condensed: StoredEvent[];
  types: string[];
  streams: string[];
  /** Per event, index into `types`. */
  typeOf: Uint8Array;
  /** Per event, index into `streams`. */
  streamOf: Uint16Array;
}

/** Changes when the condensing or a projection it stands in for changes (stored summaries of another key are rebuilt). */
export const SUMMARY_VERSION = `range-summary-1/${passbookProjection.version}.${ordersBoardProjection.version}.${postsProjection.version}`;

const BATCH_TYPES = new Set(['ExecutionBatchSucceeded', 'ExecutionBatchFailed']);
const LIKE_TYPES = new Set(['PostLiked', 'PostUnliked']);

function orderIdOf(e: StoredEvent): string | undefined {
  const id = (e.data as { orderId?: unknown } | null)?.orderId;
  return typeof id === 'string' ? id : undefined;
}

/** Condenses a run of consecutive events (ascending, gap-free seqs); `from` is the seq before the first. */
export function summarizeRange(events: readonly StoredEvent[], from: number): RangeSummary {
  const n = events.length;
  if (n > 0xffff) throw new RangeError(`A range summary holds at most ${0xffff} events, not ${n}.`);
  const types: string[] = [];
  const streams: string[] = [];
  const typeIndex = new Map<string, number>();
  const streamIndex = new Map<string, number>();
  const typeOf = new Uint8Array(n);
  const streamOf = new Uint16Array(n);
  const condensed: StoredEvent[] = [];
  /** Per order, the index in `condensed` of its open batch run and the likes summed into it. */
  const batchRun = new Map<string, { at: number; likes: number }>();
  /** Per "post user", the index in `condensed` of its open like run. */
  const likeRun = new Map<string, number>();

  for (let i = 0; i < n; i++) {
    const e = events[i];
    if (e.seq !== from + i + 1) throw new RangeError(`A range summary needs consecutive events: expected ${from + i + 1}, got ${e.seq}.`);
    let t = typeIndex.get(e.type);
    if (t === undefined) {
      t = types.push(e.type) - 1;
      if (t > 0xff) throw new RangeError('A range summary holds at most 256 event types.');
      typeIndex.set(e.type, t);
    }
    let s = streamIndex.get(e.streamId);
    if (s === undefined) {
      s = streams.push(e.streamId) - 1;
      streamIndex.set(e.streamId, s);
    }
    typeOf[i] = t;
    streamOf[i] = s;

    const orderId = orderIdOf(e);
    if (BATCH_TYPES.has(e.type) && orderId !== undefined) {
      const likes = e.type === 'ExecutionBatchSucceeded' ? (e.data as { likes: number }).likes : 0;
      const run = batchRun.get(orderId);
      if (run) {
        run.likes += likes;
        continue;
      }
      batchRun.set(orderId, { at: condensed.length, likes });
      condensed.push(e);
      continue;
    }
    if (LIKE_TYPES.has(e.type)) {
      const d = e.data as { postId: string; userId: string };
      const key = `${d.postId}\u0000${d.userId}`;
      const at = likeRun.get(key);
      if (at !== undefined) {
        // The last one's type and payload, at the first one's place (see above).
        condensed[at] = { ...condensed[at], type: e.type, data: e.data };
        continue;
      }
      likeRun.set(key, condensed.length);
      condensed.push(e);
      continue;
    }
    // Any other event of an order ends its batch run; a new post ends every run (a batch or like may count from now on).
    if (orderId !== undefined) closeBatchRun(condensed, batchRun, orderId);
    if (e.type === 'PostCreated') {
      for (const id of [...batchRun.keys()]) closeBatchRun(condensed, batchRun, id);
      likeRun.clear();
    }
    condensed.push(e);
  }
  for (const id of [...batchRun.keys()]) closeBatchRun(condensed, batchRun, id);
  return { from, to: from + n, condensed, types, streams, typeOf, streamOf };
}

/** Writes a batch run's summed likes into its first event (a copy, as a success) and forgets the run. */
function closeBatchRun(condensed: StoredEvent[], runs: Map<string, { at: number; likes: number }>, orderId: string): void {
  const run = runs.get(orderId);
  if (!run) return;
  runs.delete(orderId);
  const first = condensed[run.at];
  const likes = first.type === 'ExecutionBatchSucceeded' ? (first.data as { likes: number }).likes : 0;
  if (first.type === 'ExecutionBatchSucceeded' && likes === run.likes) return;
  // Failed batches change nothing the comparison reads; as a success of the summed likes (maybe 0) they touch the same rows.
  condensed[run.at] = { ...first, type: 'ExecutionBatchSucceeded', data: { ...(first.data as object), likes: run.likes } };
}
