import type { Command } from '../../domain/commands';
import { defineMessages } from '../i18n';

/** One line per command, for lists of commands (the what-if's replay check). */
export const commandMessages = defineMessages({
  en: {
    ChargePoints: 'Charge {amount} points',
    ReverseCharge: 'Reverse the charge at wallet event {chargeVersion}',
    CreatePost: 'Create post "{title}"',
    LikePost: 'Like post "{postId}" as {userId}',
    UnlikePost: 'Unlike post "{postId}" as {userId}',
    PlaceOrder: 'Order #{orderId}: {quantity} likes on "{postId}" at {unitPrice} points',
    StartOrder: 'Start order #{orderId}',
    RecordBatch: 'Batch {batchNo} of order #{orderId}',
    CancelOrder: 'Cancel order #{orderId}',
  },
  ko: {
    ChargePoints: '{amount} 포인트 충전',
    ReverseCharge: '지갑 이벤트 {chargeVersion}의 충전 취소',
    CreatePost: '게시물 "{title}" 작성',
    LikePost: '{userId}(으)로 게시물 "{postId}" 좋아요',
    UnlikePost: '{userId}(으)로 게시물 "{postId}" 좋아요 취소',
    PlaceOrder: '주문 #{orderId}: "{postId}"에 좋아요 {quantity}개, 개당 {unitPrice} 포인트',
    StartOrder: '주문 #{orderId} 시작',
    RecordBatch: '주문 #{orderId}의 배치 {batchNo}',
    CancelOrder: '주문 #{orderId} 취소',
  },
});

/** The message key and figures that describe `command`. */
export function commandSummary(command: Command): [keyof (typeof commandMessages)['en'], Record<string, string | number>] {
  const { type, ...fields } = command;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  return [type, params];
}
