import { useCallback } from 'react';
import { ME } from '../domain/streams';
import { PAST_ERROR, type CommandErrorRule } from '../store/desk-store';
import { useDesk } from '../store/use-desk';
import { storageFailureOfRule } from '../app/integrity-problem';
import { defineMessages, useT, useStableName } from './i18n';
import { useStorageFailureText } from './integrity/storage-failure-text';

/**
 * Rule violations in the user's language: the domain names the rule and its figures (DomainRuleViolation.rule
 * and .params); its English message is the fallback for a rule not listed here.
 */
export const ruleMessages = defineMessages({
  en: {
    'charge.positive-whole-number': 'A charge must be a whole number of points from 1 to {max}.',
    'charge.max': 'A single charge can be at most {max} points.',
    'spend.insufficient-balance': 'Not enough points: this needs {needed} points but the balance is {balance}.',
    'order.quantity-range': 'The quantity must be a whole number from 1 to {max}.',
    'order.unit-price-positive': 'The price per like must be a whole number of at least 1 point.',
    'order.batch-size-range': 'The batch size must be a whole number from 1 to {max}.',
    'order.total-too-large': 'The order total is too large.',
    'order.post-must-exist': 'Post "{postId}" does not exist, so no likes can be ordered for it.',
    'order.id-unique': 'Order #{orderId} already exists.',
    'order.must-exist': 'Order #{orderId} does not exist.',
    'cancel.only-open': 'Order #{orderId} has already finished and can no longer be cancelled.',
    'post.id-unique': 'A post with id "{postId}" already exists.',
    'post.id-required': 'A post needs an id.',
    'post.title-required': 'A post needs a title.',
    'post.author-required': 'A post needs an author.',
    'post.must-exist': 'Post "{postId}" does not exist.',
    'like.only-once': '{userId} already likes this post; a post can be liked only once.',
    'like.only-once.me': 'You already like this post; a post can be liked only once.',
    'unlike.only-liked': '{userId} does not like this post, so there is nothing to unlike.',
    'unlike.only-liked.me': 'You do not like this post, so there is nothing to unlike.',
    'reverse.only-open-charge': 'Event {chargeVersion} of this wallet is not a charge that can still be reversed (it is not a charge, or it was reversed already).',
    'reverse.insufficient-balance': 'This charge of {amount} points cannot be reversed: the balance is only {balance} points, and a balance never goes below zero.',
  },
  ko: {
    'charge.positive-whole-number': '충전 금액은 1부터 {max}까지의 정수 포인트여야 합니다.',
    'charge.max': '한 번에 최대 {max} 포인트까지 충전할 수 있습니다.',
    'spend.insufficient-balance': '포인트가 부족합니다: {needed} 포인트가 필요하지만 잔액은 {balance} 포인트입니다.',
    'order.quantity-range': '수량은 1부터 {max}까지의 정수여야 합니다.',
    'order.unit-price-positive': '좋아요당 가격은 1 포인트 이상의 정수여야 합니다.',
    'order.batch-size-range': '배치 크기는 1부터 {max}까지의 정수여야 합니다.',
    'order.total-too-large': '주문 합계가 너무 큽니다.',
    'order.post-must-exist': '게시물 "{postId}"이(가) 없어서 좋아요를 주문할 수 없습니다.',
    'order.id-unique': '주문 #{orderId}이(가) 이미 있습니다.',
    'order.must-exist': '주문 #{orderId}이(가) 없습니다.',
    'cancel.only-open': '주문 #{orderId}은(는) 이미 끝나서 취소할 수 없습니다.',
    'post.id-unique': 'ID가 "{postId}"인 게시물이 이미 있습니다.',
    'post.id-required': '게시물에는 ID가 필요합니다.',
    'post.title-required': '게시물에는 제목이 필요합니다.',
    'post.author-required': '게시물에는 작성자가 필요합니다.',
    'post.must-exist': '게시물 "{postId}"이(가) 없습니다.',
    'like.only-once': '{userId} 님은 이미 이 게시물을 좋아합니다. 좋아요는 한 번만 누를 수 있습니다.',
    'like.only-once.me': '이미 이 게시물을 좋아합니다. 좋아요는 한 번만 누를 수 있습니다.',
    'unlike.only-liked': '{userId} 님은 이 게시물을 좋아하지 않으므로 취소할 좋아요가 없습니다.',
    'unlike.only-liked.me': '이 게시물을 좋아하지 않으므로 취소할 좋아요가 없습니다.',
    'reverse.only-open-charge': '이 지갑의 이벤트 {chargeVersion}은(는) 취소할 수 있는 충전이 아닙니다(충전이 아니거나 이미 취소되었습니다).',
    'reverse.insufficient-balance': '{amount} 포인트 충전은 취소할 수 없습니다: 잔액이 {balance} 포인트뿐이고, 잔액은 0 아래로 내려갈 수 없습니다.',
  },
});
export type RuleKey = keyof (typeof ruleMessages)['en'];

const messages = defineMessages({
  en: { dismiss: 'Dismiss', past: 'You are looking at the past. Go back to live to make changes.' },
  ko: { dismiss: '닫기', past: '과거를 보고 있습니다. 변경하려면 실시간으로 돌아가세요.' },
});

/** The message key of a rule: "you" instead of the raw user id when the user is me. */
export function ruleKey(rule: CommandErrorRule): RuleKey | null {
  const self = rule.params.userId === ME ? `${rule.rule}.me` : rule.rule;
  if (self in ruleMessages.en) return self as RuleKey;
  return rule.rule in ruleMessages.en ? (rule.rule as RuleKey) : null;
}

/**
 * Says a domain refusal in the user's language: the rule's message with its
 * figures, or the decider's own (English) message for a rule not listed.
 */
export function useRuleText(): (rule: CommandErrorRule | null, fallback: string) => string {
  const tr = useT(ruleMessages);
  return useCallback(
    (rule, fallback) => {
      const key = rule ? ruleKey(rule) : null;
      return key && rule ? tr(key, rule.params) : fallback;
    },
    [tr],
  );
}

/** The last command's error (role alert), until dismissed or the next command. */
export function CommandError() {
  const t = useT(messages);
  const tr = useT(ruleMessages);
  const name = useStableName();
  const error = useDesk((s) => s.commandError);
  const rule = useDesk((s) => s.commandErrorRule);
  const clearError = useDesk((s) => s.clearError);
  const storageText = useStorageFailureText();
  if (!error) return null;
  const key = rule ? ruleKey(rule) : null;
  const storage = rule ? storageFailureOfRule(rule) : null;
  const text = error === PAST_ERROR ? t('past') : storage ? storageText(storage) : key && rule ? tr(key, rule.params) : error;
  return (
    <div className="command-error" role="alert">
      <span>{text}</span>
      <button type="button" className="btn btn-small" aria-label={name('Dismiss error', t('dismiss'))} onClick={clearError}>
        {t('dismiss')}
      </button>
    </div>
  );
}
