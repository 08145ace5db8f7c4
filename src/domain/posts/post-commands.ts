import type { CommandSpec } from '../../engine/command-handler';
import { onOneStream, type Input } from '../one-stream';
import { postStream } from '../streams';
import { postDecider, type CreatePost, type LikePost, type PostCommand, type PostState, type UnlikePost } from './post-decider';

/** Command specs of posts: which streams they load and how they decide. */

export function createPost(input: Input<CreatePost>): CommandSpec {
  const cmd: CreatePost = { ...input, type: 'CreatePost' };
  return onOneStream<PostCommand, PostState>(postStream(cmd.postId), postDecider, cmd);
}

export function likePost(input: Input<LikePost>): CommandSpec {
  const cmd: LikePost = { ...input, type: 'LikePost' };
  return onOneStream<PostCommand, PostState>(postStream(cmd.postId), postDecider, cmd);
}

export function unlikePost(input: Input<UnlikePost>): CommandSpec {
  const cmd: UnlikePost = { ...input, type: 'UnlikePost' };
  return onOneStream<PostCommand, PostState>(postStream(cmd.postId), postDecider, cmd);
}
