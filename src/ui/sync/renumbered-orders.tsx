import type { AlteredCommand } from '../../engine/sync/sync-state-store';
import { useEventDesk } from '../../store/use-desk';
import { useSyncStatus } from '../../store/use-sync';
import { defineMessages, useStableName, useT } from '../i18n';
import './renumbered-orders.css';

const messages = defineMessages({
  en: {
    renumbered: 'Your order #{from} is now order #{to}: after syncing, #{from} was already taken by an order placed first on another device.',
    dismiss: 'OK',
    title: 'Orders renumbered after sync',
  },
  ko: {
    renumbered: '내 주문 #{from}의 번호가 #{to}번으로 바뀌었습니다. 동기화해 보니 다른 기기에서 먼저 접수된 주문이 #{from}번을 쓰고 있었습니다.',
    dismiss: '확인',
    title: '동기화 후 번호가 바뀐 주문',
  },
});

/** An order the rebase placed under another number: the number the user chose, and the one it has now. */
export function renumberedOrder(a: AlteredCommand): { from: string; to: string } | null {
  const recorded = a.recorded as { type?: unknown; orderId?: unknown } | null;
  const decided = a.decided as { type?: unknown; orderId?: unknown } | null;
  if (recorded?.type !== 'PlaceOrder' || decided?.type !== 'PlaceOrder') return null;
  if (typeof recorded.orderId !== 'string' || typeof decided.orderId !== 'string' || recorded.orderId === decided.orderId) return null;
  return { from: recorded.orderId, to: decided.orderId };
}

/**
 * Orders of this device that sync placed under the next free number (two
 * offline devices both placed #1): said plainly, listed until the user has
 * read it. Not an alert: nothing was lost.
 */
export function RenumberedOrders() {
  const t = useT(messages);
  const name = useStableName();
  const desk = useEventDesk();
  const { altered } = useSyncStatus();
  const shown = altered.flatMap((a) => {
    const r = renumberedOrder(a);
    return r ? [{ ...r, commandId: a.commandId }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <ul className="sync-renumbered" role="status" aria-label={name('Orders renumbered after sync', t('title'))}>
      {shown.map((r) => (
        <li key={r.commandId} className="sync-renumbered__item">
          <span>{t('renumbered', { from: r.from, to: r.to })}</span>
          <button
            type="button"
            className="btn btn-small"
            aria-label={name(`Dismiss: order #${r.from} is now #${r.to}`, `${t('dismiss')}: #${r.from} → #${r.to}`)}
            onClick={() => void desk.syncStatus.dismissAltered([r.commandId])}
          >
            {t('dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}
