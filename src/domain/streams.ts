/** Stream ids. The app user is "me", so their wallet is `wallet:me`. */

export const WALLET_PREFIX = 'wallet:';
export const POST_PREFIX = 'post:';
export const ORDER_PREFIX = 'order:';

export function walletStream(userId: string): string {
  return WALLET_PREFIX + userId;
}

export function postStream(postId: string): string {
  return POST_PREFIX + postId;
}

/** orderId is the bare order number as a string ("12"); the stream is `order:12`. */
export function orderStream(orderId: string): string {
  return ORDER_PREFIX + orderId;
}

/** The id part of a stream id (`order:12` → `12`), or null when the prefix differs. */
export function idOf(streamId: string, prefix: string): string | null {
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : null;
}

/** The app user. */
export const ME = 'me';
export const MY_WALLET = walletStream(ME);
