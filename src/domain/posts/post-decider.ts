import type { Decider } from '../../engine/decider';
import { DomainRuleViolation } from '../../engine/errors';
import type { StoredEvent } from '../../engine/event-envelope';
import { event } from '../events';
import type { PostCreated, PostEvent, PostLiked, PostUnliked } from '../events';

export interface CreatePost {
  type: 'CreatePost';
  postId: string;
  title: string;
  author: string;
}
export interface LikePost {
  type: 'LikePost';
  postId: string;
  userId: string;
}
export interface UnlikePost {
  type: 'UnlikePost';
  postId: string;
  userId: string;
}

export type PostCommand = CreatePost | LikePost | UnlikePost;

export interface PostState {
  exists: boolean;
  postId: string;
  title: string;
  author: string;
  /** Users (not the executor) who currently like the post. */
  likedBy: Record<string, true>;
}

export function initialPostState(): PostState {
  return { exists: false, postId: '', title: '', author: '', likedBy: {} };
}

function notFound(postId: string): DomainRuleViolation {
  return new DomainRuleViolation('post.must-exist', `Post "${postId}" does not exist.`, { postId });
}

export function decidePost(command: PostCommand, state: PostState): PostEvent[] {
  switch (command.type) {
    case 'CreatePost': {
      if (state.exists) {
        throw new DomainRuleViolation('post.id-unique', `A post with id "${command.postId}" already exists.`, { postId: command.postId });
      }
      if (typeof command.postId !== 'string' || command.postId.trim() === '') {
        throw new DomainRuleViolation('post.id-required', 'A post needs an id.');
      }
      const title = (command.title ?? '').trim();
      if (title === '') throw new DomainRuleViolation('post.title-required', 'A post needs a title.');
      const author = (command.author ?? '').trim();
      if (author === '') throw new DomainRuleViolation('post.author-required', 'A post needs an author.');
      return [event('PostCreated', { postId: command.postId, title, author })];
    }
    case 'LikePost': {
      if (!state.exists) throw notFound(command.postId);
      if (state.likedBy[command.userId]) {
        throw new DomainRuleViolation('like.only-once', `${command.userId} already likes this post; a post can be liked only once.`, { userId: command.userId });
      }
      return [event('PostLiked', { postId: command.postId, userId: command.userId })];
    }
    case 'UnlikePost': {
      if (!state.exists) throw notFound(command.postId);
      if (!state.likedBy[command.userId]) {
        throw new DomainRuleViolation('unlike.only-liked', `${command.userId} does not like this post, so there is nothing to unlike.`, { userId: command.userId });
      }
      return [event('PostUnliked', { postId: command.postId, userId: command.userId })];
    }
  }
}

export function evolvePost(state: PostState, e: StoredEvent): PostState {
  switch (e.type) {
    case 'PostCreated': {
      const d = e.data as PostCreated;
      return { exists: true, postId: d.postId, title: d.title, author: d.author, likedBy: {} };
    }
    case 'PostLiked': {
      const d = e.data as PostLiked;
      return { ...state, likedBy: { ...state.likedBy, [d.userId]: true } };
    }
    case 'PostUnliked': {
      const d = e.data as PostUnliked;
      const likedBy = { ...state.likedBy };
      delete likedBy[d.userId];
      return { ...state, likedBy };
    }
    default:
      return state;
  }
}

export const postDecider: Decider<PostCommand, PostState, PostEvent> = {
  initialState: initialPostState,
  decide: decidePost,
  evolve: evolvePost,
};
