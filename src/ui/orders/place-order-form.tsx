import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_QUANTITY } from '../../domain/events';
import { MAX_BATCH_SIZE } from '../../domain/orders/order-decider';
import { ME } from '../../domain/streams';
import { MAX_CHARGE } from '../../domain/wallet/wallet-decider';
import { useDesk, useShown } from '../../store/use-desk';
import { ConfirmLarge, isLarge } from '../forms/confirm-large';
import { NumberInput } from '../forms/number-input';
import { checkWholeNumber } from '../forms/whole-number';
import { defineMessages, useT, useStableName } from '../i18n';
import { useCommandIntent } from '../use-command-intent';

const messages = defineMessages({
  en: {
    title: 'Order likes',
    post: 'Post',
    quantity: 'Quantity',
    unitPrice: 'Price per like',
    batchSize: 'Batch size',
    place: 'Place order',
    total: 'Total: {total} points',
    overBalance: 'Total: {total} points, more than your balance of {balance}.',
    noPosts: 'Create a post first.',
    saving: 'Saving…',
    rest: 'The rest of order #{id}: {n} likes not delivered. Check and place the order.',
  },
  ko: {
    title: '좋아요 주문',
    post: '게시물',
    quantity: '수량',
    unitPrice: '좋아요당 가격',
    batchSize: '배치 크기',
    place: '주문하기',
    total: '합계: {total} 포인트',
    overBalance: '합계: {total} 포인트, 잔액 {balance}보다 많습니다.',
    noPosts: '먼저 게시물을 만드세요.',
    saving: '저장 중…',
    rest: '주문 #{id}의 나머지: 전달되지 않은 좋아요 {n}개. 확인하고 주문하세요.',
  },
});

/** What "Order the rest" fills in: the undelivered likes of a stopped order, on the same terms. `key` changes per click. */
export interface OrderPrefill {
  key: number;
  fromOrderId: string;
  postId: string;
  quantity: number;
  unitPrice: number;
  batchSize: number;
}

/** The form's cap on the price of one like: a price no single charge could pay is a typo. */
export const MAX_UNIT_PRICE = MAX_CHARGE;

/** The next free order number ("12"), from the orders on the board. */
function nextOrderId(ids: string[]): string {
  let max = 0;
  for (const id of ids) {
    const n = Number(id);
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}

/**
 * Orders likes for a post, paid from my wallet (PlaceOrder). Disabled in the past.
 * The form keeps its values after an order, so a second order is a new intent only
 * once something was changed: fast repeated clicks place one order.
 */
export function PlaceOrderForm({ prefill = null }: { prefill?: OrderPrefill | null } = {}) {
  const t = useT(messages);
  const name = useStableName();
  const live = useDesk((s) => s.live);
  const intent = useCommandIntent();
  const orderIds = useShown((s) => s.view.orders.order);
  const postIds = useShown((s) => s.view.posts.order);
  const posts = useShown((s) => s.view.posts.byId);
  const [postId, setPostId] = useState('');
  const [quantity, setQuantity] = useState('100');
  const [unitPrice, setUnitPrice] = useState('10');
  const [batchSize, setBatchSize] = useState('25');
  // Which fields hold text the browser could not read as a number (e.g. 1e309).
  const [unreadable, setUnreadable] = useState<Record<string, boolean>>({});
  // A large total asks once; "Order the rest" says which order it continues until the form is changed.
  const [confirming, setConfirming] = useState(false);
  const [restOf, setRestOf] = useState<OrderPrefill | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // A new "Order the rest" fills the fields (state adjusted while rendering, when the prefill changes).
  const [prefillKey, setPrefillKey] = useState(0);
  if (prefill && prefill.key !== prefillKey) {
    setPrefillKey(prefill.key);
    setPostId(prefill.postId);
    setQuantity(String(prefill.quantity));
    setUnitPrice(String(prefill.unitPrice));
    setBatchSize(String(prefill.batchSize));
    setUnreadable({});
    setConfirming(false);
    setRestOf(prefill);
  }
  const { edited } = intent;
  useEffect(() => {
    if (!prefill) return;
    // A new intent, and the form in view with the quantity ready to check.
    edited();
    const form = formRef.current;
    form?.scrollIntoView?.({ block: 'nearest' });
    form?.querySelector<HTMLInputElement>('#order-quantity')?.focus();
  }, [prefill, edited]);
  const balance = useShown((s) => s.view.passbook.balance);
  const past = !live;
  const selectedPost = postIds.includes(postId) ? postId : (postIds[0] ?? '');
  const checks = {
    quantity: checkWholeNumber(quantity, 1, MAX_QUANTITY, unreadable.quantity),
    unitPrice: checkWholeNumber(unitPrice, 1, MAX_UNIT_PRICE, unreadable.unitPrice),
    batchSize: checkWholeNumber(batchSize, 1, MAX_BATCH_SIZE, unreadable.batchSize),
  };
  const total = checks.quantity.ok && checks.unitPrice.ok ? checks.quantity.value * checks.unitPrice.value : null;
  const valid = checks.quantity.ok && checks.unitPrice.ok && checks.batchSize.ok && total !== null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (intent.saving || !valid) return;
    if (total !== null && isLarge(total) && !confirming) setConfirming(true);
    else void send();
  };

  const send = async () => {
    setConfirming(false);
    if (intent.saving || !checks.quantity.ok || !checks.unitPrice.ok || !checks.batchSize.ok) return;
    const ok = await intent.send({
      type: 'PlaceOrder',
      orderId: nextOrderId(orderIds),
      walletId: ME,
      postId: selectedPost,
      quantity: checks.quantity.value,
      unitPrice: checks.unitPrice.value,
      batchSize: checks.batchSize.value,
    });
    if (ok) setRestOf(null);
  };

  const numberField = (key: keyof typeof checks, id: string, label: string, max: number, value: string, set: (v: string) => void) => (
    <NumberInput
      id={id}
      label={label}
      value={value}
      check={checks[key]}
      min={1}
      max={max}
      disabled={past}
      onChange={(v, bad) => {
        intent.edited();
        setConfirming(false);
        set(v);
        setUnreadable((u) => ({ ...u, [key]: bad }));
      }}
    />
  );

  return (
    <form ref={formRef} className="place-order" aria-labelledby="place-order-title" onSubmit={onSubmit} noValidate>
      <h3 id="place-order-title">{t('title')}</h3>
      {restOf && <p className="order-rest-note">{t('rest', { id: restOf.fromOrderId, n: restOf.quantity })}</p>}
      <div className="form-grid">
        <div className="field field-grow">
          <label htmlFor="order-post">{t('post')}</label>
          <select id="order-post" value={selectedPost} disabled={past || postIds.length === 0} onChange={(e) => {
              intent.edited();
              setConfirming(false);
              setPostId(e.currentTarget.value);
            }}
          >
            {postIds.length === 0 && <option value="">{t('noPosts')}</option>}
            {postIds.map((id) => (
              <option key={id} value={id}>
                {posts[id]?.title || id}
              </option>
            ))}
          </select>
        </div>
        {numberField('quantity', 'order-quantity', t('quantity'), MAX_QUANTITY, quantity, setQuantity)}
        {numberField('unitPrice', 'order-unit-price', t('unitPrice'), MAX_UNIT_PRICE, unitPrice, setUnitPrice)}
        {numberField('batchSize', 'order-batch-size', t('batchSize'), MAX_BATCH_SIZE, batchSize, setBatchSize)}
      </div>
      <div className="form-actions">
        <span className={total !== null && total > balance ? 'order-total field-error' : 'order-total muted'} aria-live="polite">
          {total === null ? '' : total > balance ? t('overBalance', { total, balance }) : t('total', { total })}
        </span>
        <button
          type="submit"
          className="btn btn-primary"
          aria-label={name('Place order', t('place'))}
          aria-busy={intent.saving}
          disabled={past || intent.saving || postIds.length === 0 || !valid}
        >
          {intent.saving ? t('saving') : t('place')}
        </button>
      </div>
      {confirming && total !== null && <ConfirmLarge points={total} onConfirm={() => void send()} onBack={() => setConfirming(false)} />}
    </form>
  );
}
