import { useEventDesk } from '../../store/use-desk';
import { useSyncStatus } from '../../store/use-sync';
import type { RejectedCommand } from '../../engine/sync/sync-state-store';
import { defineMessages, formatNumber, useLanguage, useStableName, useT } from '../i18n';
import type { Language } from '../../store/language';
import { ruleKey, ruleMessages } from '../command-error';

const messages = defineMessages({
  en: {
    order: 'Order for {points} points was not placed',
    charge: 'Charge of {points} points was not recorded',
    cancel: 'Cancelling order #{id} was not recorded',
    post: 'Post "{title}" was not created',
    like: 'Like was not recorded',
    unlike: 'Unlike was not recorded',
    other: 'A change was not recorded',
    because: '{what}: after syncing, {reason}',
    dismiss: 'Dismiss',
    'sync.stale-version': 'Another device changed the same thing first.',
    'sync.unknown-command': 'This change could not be checked again after syncing, so it was not uploaded.',
  },
  ko: {
    order: '{points}포인트 주문이 접수되지 않았습니다',
    charge: '{points}포인트 충전이 기록되지 않았습니다',
    cancel: '주문 #{id} 취소가 기록되지 않았습니다',
    post: '게시물 "{title}"이(가) 만들어지지 않았습니다',
    like: '좋아요가 기록되지 않았습니다',
    unlike: '좋아요 취소가 기록되지 않았습니다',
    other: '변경 사항이 기록되지 않았습니다',
    because: '{what}: 동기화 후 {reason}',
    dismiss: '닫기',
    'sync.stale-version': '다른 기기가 같은 항목을 먼저 바꿨습니다.',
    'sync.unknown-command': '동기화 후 이 변경을 다시 확인할 수 없어 올리지 않았습니다.',
  },
});

type Key = keyof (typeof messages)['en'];

/** What the refused command was, in the user's words. */
function describe(r: RejectedCommand, t: (k: Key, p?: Record<string, string | number>) => string, language: Language): string {
  const c = (r.command ?? {}) as Record<string, unknown>;
  const n = (v: unknown) => formatNumber(Number(v) || 0, language);
  switch (c.type) {
    case 'PlaceOrder':
      return t('order', { points: n(Number(c.quantity) * Number(c.unitPrice)) });
    case 'ChargePoints':
      return t('charge', { points: n(c.amount) });
    case 'CancelOrder':
      return t('cancel', { id: String(c.orderId) });
    case 'CreatePost':
      return t('post', { title: String(c.title) });
    case 'LikePost':
      return t('like');
    case 'UnlikePost':
      return t('unlike');
    default:
      return t('other');
  }
}

/**
 * Commands refused after a rebase (another device changed the state first):
 * announced as an alert and listed until the user dismisses them. The
 * executor's own refusals (a batch another device already ran) are routine
 * and not shown.
 */
export function RejectedCommands() {
  const t = useT(messages);
  const tr = useT(ruleMessages);
  const name = useStableName();
  const language = useLanguage();
  const desk = useEventDesk();
  // The rule in the user's language when it is one the app knows; the domain's English message otherwise.
  const reason = (r: RejectedCommand) => {
    if (r.rule === 'sync.stale-version' || r.rule === 'sync.unknown-command') return t(r.rule);
    const key = ruleKey({ rule: r.rule, params: r.params ?? {} });
    return key ? tr(key, r.params ?? {}) : r.reason;
  };
  const { rejected } = useSyncStatus();
  const shown = rejected.filter((r) => r.actor !== 'executor');
  if (shown.length === 0) return null;
  return (
    <ul className="sync-rejected" role="alert" aria-label="Rejected after sync">
      {shown.map((r) => (
        <li key={r.commandId} className="command-error">
          <span>{t('because', { what: describe(r, t, language), reason: lowerFirst(reason(r)) })}</span>
          <button
            type="button"
            className="btn btn-small"
            aria-label={name('Dismiss rejected command', t('dismiss'))}
            onClick={() => void desk.syncStatus.dismissRejected([r.commandId])}
          >
            {t('dismiss')}
          </button>
        </li>
      ))}
    </ul>
  );
}

function lowerFirst(s: string): string {
  return s.length > 1 && /[A-Z][a-z]/.test(s.slice(0, 2)) ? s[0].toLowerCase() + s.slice(1) : s;
}
