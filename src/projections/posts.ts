import type { Projection } from '../engine/projection';
import { rowWriter } from '../engine/row-writer';
import type { ExecutionBatchSucceeded, OrderPlaced, PostCreated, PostLiked, PostUnliked } from '../domain/events';

export interface PostRow {
  postId: string;
  title: string;
  author: string;
  /** Users who currently like the post by hand. */
  likedBy: Record<string, true>;
  userLikes: number;
  /** Likes delivered by executed orders. */
  deliveredLikes: number;
  likeCount: number;
}

export interface PostsState {
  byId: Record<string, PostRow>;
  /** Post ids in creation order. */
  order: string[];
  /** orderId → postId for orders still running (dropped when they finish, so it stays small). */
  orderPost: Record<string, string>;
}

const rows = rowWriter<PostsState, PostRow>((row) => ({ ...row, likedBy: { ...row.likedBy } }));
const writableRow = (draft: PostsState, row: PostRow) => rows.writable(draft, row, (copy) => (draft.byId[row.postId] = copy));

export const postsProjection: Projection<PostsState> = {
  name: 'posts',
  version: 1,
  init: () => ({ byId: {}, order: [], orderPost: {} }),
  // Rows are copied only when the batch writes them (writableRow); the lists and maps are copied up front.
  thaw: (s) => rows.mark({ ...s, byId: { ...s.byId }, order: s.order.slice(), orderPost: { ...s.orderPost } }),
  apply(draft, e) {
    switch (e.type) {
      case 'PostCreated': {
        const d = e.data as PostCreated;
        if (draft.byId[d.postId]) return;
        draft.byId[d.postId] = { postId: d.postId, title: d.title, author: d.author, likedBy: {}, userLikes: 0, deliveredLikes: 0, likeCount: 0 };
        draft.order.push(d.postId);
        return;
      }
      case 'PostLiked': {
        const d = e.data as PostLiked;
        const seen = draft.byId[d.postId];
        if (!seen || seen.likedBy[d.userId]) return;
        const row = writableRow(draft, seen);
        row.likedBy[d.userId] = true;
        row.userLikes++;
        row.likeCount++;
        return;
      }
      case 'PostUnliked': {
        const d = e.data as PostUnliked;
        const seen = draft.byId[d.postId];
        if (!seen || !seen.likedBy[d.userId]) return;
        const row = writableRow(draft, seen);
        delete row.likedBy[d.userId];
        row.userLikes--;
        row.likeCount--;
        return;
      }
      case 'OrderPlaced': {
        const d = e.data as OrderPlaced;
        draft.orderPost[d.orderId] = d.postId;
        return;
      }
      case 'ExecutionBatchSucceeded': {
        const d = e.data as ExecutionBatchSucceeded;
        const postId = draft.orderPost[d.orderId];
        const seen = postId === undefined ? undefined : draft.byId[postId];
        if (!seen) return;
        const row = writableRow(draft, seen);
        row.deliveredLikes += d.likes;
        row.likeCount += d.likes;
        return;
      }
      case 'OrderCompleted':
      case 'OrderFailed':
      case 'OrderCancelled': {
        const orderId = (e.data as { orderId: string }).orderId;
        if (orderId in draft.orderPost) delete draft.orderPost[orderId];
        return;
      }
    }
  },
};
