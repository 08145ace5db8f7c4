import { useDebounced } from '../use-debounced';
import { useCallback, useEffect, useState } from 'react';
import type { Notification } from '../../domain/notifications';
import type { SubscriberStatus } from '../../engine/subscription-runner';
import { useDesk, useEventDesk, useShown } from '../../store/use-desk';
import { defineMessages, useT } from '../i18n';
import { NotificationItem } from './notification-item';
import { SubscriberStatusList } from './subscriber-status';
import './notifications.css';

/** Notifications read per position (newest first). */
export const NOTIFICATION_LIMIT = 50;

const messages = defineMessages({
  en: {
    heading: 'Notifications',
    list: 'Notifications up to the slider',
    empty: 'No notifications yet.',
    loading: 'Loading…',
    behind: 'The notifications subscriber has handled events up to #{seq}; later ones appear as it catches up.',
  },
  ko: {
    heading: '알림',
    list: '슬라이더 시점까지의 알림',
    empty: '아직 알림이 없습니다.',
    loading: '불러오는 중…',
    behind: '알림 구독자가 #{seq}번 이벤트까지 처리했습니다. 나머지는 따라잡는 대로 표시됩니다.',
  },
});

/** Same notification: same event, same words (a replaced log may put another one at a seq). */
function sameNotification(a: Notification, b: Notification): boolean {
  return a.seq === b.seq && a.at === b.at && a.key === b.key && a.text === b.text && a.kind === b.kind;
}

/**
 * The fresh read, keeping the objects already shown for notifications that did not change, so the
 * memoized items skip them (and the list itself when nothing changed): a read returns new objects every time.
 */
export function keepShown(shown: Notification[] | null, read: Notification[]): Notification[] {
  if (!shown) return read;
  const bySeq = new Map(shown.map((n) => [n.seq, n]));
  let changed = read.length !== shown.length;
  const next = read.map((n, i) => {
    const old = bySeq.get(n.seq);
    const kept = old && sameNotification(old, n) ? old : n;
    if (kept !== shown[i]) changed = true;
    return kept;
  });
  return changed ? next : shown;
}

/** What the notifications subscriber told the user, up to the slider, and how every subscriber is doing. */
export function NotificationsView() {
  const t = useT(messages);
  const desk = useEventDesk();
  const cursor = useShown((s) => s.cursor);
  const head = useDesk((s) => s.head);
  const [statuses, setStatuses] = useState<SubscriberStatus[]>(() => desk.subscriberStatus());
  const [items, setItems] = useState<Notification[] | null>(null);

  useEffect(() => desk.subscriptions.onStatus((s) => setStatuses(s)), [desk]);

  // Re-read when the slider (once it settles) or the log moves, or when the subscriber has written more.
  const handled = statuses.find((s) => s.name === 'notifications')?.seq ?? 0;
  const settledCursor = useDebounced(cursor, 120);
  useEffect(() => {
    let cancelled = false;
    desk.notifications(settledCursor, NOTIFICATION_LIMIT).then(
      (rows) => {
        if (!cancelled) setItems((shown) => keepShown(shown, rows));
      },
      () => {
        if (!cancelled) setItems([]);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [desk, settledCursor, head, handled]);

  const onRetry = useCallback((name: string) => void desk.subscriptions.retryNow(name), [desk]);
  const notifier = statuses.find((s) => s.name === 'notifications');

  return (
    <section className="notifications" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('heading')}</h2>
      {notifier && notifier.seq < cursor && <p className="notifications__behind">{t('behind', { seq: notifier.seq })}</p>}
      {items === null ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p className="notifications__empty">{t('empty')}</p>
      ) : (
        <ol className="notifications__list" aria-label={t('list')} tabIndex={0}>
          {items.map((n) => (
            <NotificationItem key={n.seq} n={n} />
          ))}
        </ol>
      )}
      <SubscriberStatusList statuses={statuses} head={head} cursor={cursor} onRetry={onRetry} />
    </section>
  );
}
