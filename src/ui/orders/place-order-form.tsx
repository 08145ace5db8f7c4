import { useState, type FormEvent } from 'react';
import { ME } from '../../domain/streams';
import { useDesk, useShown } from '../../store/use-desk';
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
    noPosts: 'Create a post first.',
    saving: 'Saving…',
  },
  ko: {
    title: '좋아요 주문',
    post: '게시물',
    quantity: '수량',
    unitPrice: '좋아요당 가격',
    batchSize: '배치 크기',
    place: '주문하기',
    total: '합계: {total} 포인트',
    noPosts: '먼저 게시물을 만드세요.',
    saving: '저장 중…',
  },
});

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
export function PlaceOrderForm() {
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
  const past = !live;
  const selectedPost = postIds.includes(postId) ? postId : (postIds[0] ?? '');
  const total = Number(quantity) * Number(unitPrice);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (intent.saving) return;
    await intent.send({
      type: 'PlaceOrder',
      orderId: nextOrderId(orderIds),
      walletId: ME,
      postId: selectedPost,
      quantity: Number(quantity),
      unitPrice: Number(unitPrice),
      batchSize: Number(batchSize),
    });
  };

  const numberField = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div className="field field-num">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={value}
        disabled={past}
        onChange={(e) => {
          intent.edited();
          set(e.currentTarget.value);
        }}
      />
    </div>
  );

  return (
    <form className="place-order" aria-labelledby="place-order-title" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3 id="place-order-title">{t('title')}</h3>
      <div className="form-grid">
        <div className="field field-grow">
          <label htmlFor="order-post">{t('post')}</label>
          <select id="order-post" value={selectedPost} disabled={past || postIds.length === 0} onChange={(e) => {
              intent.edited();
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
        {numberField('order-quantity', t('quantity'), quantity, setQuantity)}
        {numberField('order-unit-price', t('unitPrice'), unitPrice, setUnitPrice)}
        {numberField('order-batch-size', t('batchSize'), batchSize, setBatchSize)}
      </div>
      <div className="form-actions">
        <span className="muted">{Number.isFinite(total) ? t('total', { total }) : ''}</span>
        <button
          type="submit"
          className="btn btn-primary"
          aria-label={name('Place order', t('place'))}
          aria-busy={intent.saving}
          disabled={past || intent.saving || postIds.length === 0}
        >
          {intent.saving ? t('saving') : t('place')}
        </button>
      </div>
    </form>
  );
}
