import { memo } from 'react';
import type { StoredEvent } from '../../engine/event-envelope';
import type { QuarantinedEntry } from '../../engine/sync/entry-validation';
import type { Language } from '../../store/language';
import { parseEventRef } from '../../engine/event-ref';
import { dateFormat, format, formatTime } from '../i18n';
import { NotSyncedMark } from '../sync/not-synced-mark';

export interface EventLogRowProps {
  index: number;
  count: number;
  seq: number;
  /** Undefined while its page is loading. */
  event: StoredEvent | undefined;
  current: boolean;
  /** After the slider's position. */
  future: boolean;
  /** Made on this device, not confirmed by the sync desk yet. */
  unsynced?: boolean;
  top: number;
  height: number;
  language: Language;
  futureLabel: string;
  loadingLabel: string;
  onSeek(seq: number): void;
  /** Seq of the event that compensates this one (it was reverted). */
  revertedBy?: number;
  /** Offer "Revert…" (a compensable type, and commands are enabled). */
  revertible: boolean;
  labels: { revert: string; revertName: string; revertedBy: string; reverts: string; quarantined: string };
  /** Desk entries refused right after this event: shown below the row, one line each (see quarantineRowHeight). */
  quarantined?: readonly QuarantinedEntry[];
  onRevert(seq: number): void;
  onJumpRef(ref: string): void;
}

/** Numeric date and 24-hour time: the same short width in every language, so the column never cuts it. */
const ROW_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };

/** One event: a button that moves the slider to it. */
export const EventLogRow = memo(function EventLogRow(p: EventLogRowProps) {
  const e = p.event;
  const payload = e ? JSON.stringify(e.data) : '';
  const refused = p.quarantined ?? [];
  const className = ['event-log__item', p.current ? 'is-current' : '', p.future ? 'is-future' : '', refused.length ? 'has-quarantined' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="listitem"
      aria-setsize={p.count}
      aria-posinset={p.index + 1}
      className={className}
      style={{ height: p.height, transform: `translateY(${p.top}px)` }}
    >
      <button type="button" className="event-log__row" aria-current={p.current ? 'true' : undefined} onClick={() => p.onSeek(p.seq)}>
        <span className="event-log__seq">#{p.seq}</span>
        {e ? (
          <>
            <span className="event-log__time" title={formatTime(e.meta.at, p.language)}>
              {dateFormat(p.language, ROW_TIME).format(e.meta.at)}
            </span>
            <span className="event-log__actor">{e.meta.actor}</span>
            <span className="event-log__type">{e.type}</span>
            <span className="event-log__stream">{e.streamId}</span>
            <span className="event-log__payload" title={payload}>
              {p.unsynced && <NotSyncedMark />}
              {payload}
            </span>
          </>
        ) : (
          <span className="event-log__loading">{p.loadingLabel}</span>
        )}
        {p.future && <span className="event-log__sr"> ({p.futureLabel})</span>}
      </button>
      <RowLinks {...p} />
      {refused.map((q) => (
        <QuarantineNotice key={q.upstreamSeq} entry={q} template={p.labels.quarantined} />
      ))}
    </div>
  );
});

/** A refused desk entry at its position: not an event (it has no seq and applied nothing), so a marked note, not a button. */
export function QuarantineNotice({ entry, template }: { entry: QuarantinedEntry; template: string }) {
  const text = format(template, { upstreamSeq: String(entry.upstreamSeq), afterSeq: String(entry.afterSeq), reason: entry.reason });
  return (
    <p className="event-log__quarantined" role="note" title={text}>
      <span aria-hidden="true">⚠ </span>
      {text}
    </p>
  );
}

/** Beside the row (not inside its button): the links between a reverted event and its compensation, and "Revert…". */
function RowLinks(p: EventLogRowProps) {
  const e = p.event;
  if (!e) return null;
  const reverts = e.meta.causationId.includes('@') ? parseEventRef(e.meta.causationId) : null;
  if (!reverts && p.revertedBy === undefined && !p.revertible) return null;
  return (
    <span className="event-log__actions">
      {reverts && (
        <button type="button" className="revert-link" onClick={() => p.onJumpRef(e.meta.causationId)}>
          {format(p.labels.reverts, { ref: e.meta.causationId })}
        </button>
      )}
      {p.revertedBy !== undefined && (
        <button type="button" className="revert-link" onClick={() => p.onSeek(p.revertedBy as number)}>
          {format(p.labels.revertedBy, { seq: String(p.revertedBy) })}
        </button>
      )}
      {p.revertible && p.revertedBy === undefined && (
        <button type="button" className="revert-link" aria-label={p.labels.revertName} onClick={() => p.onRevert(p.seq)}>
          {p.labels.revert}
        </button>
      )}
    </span>
  );
}
