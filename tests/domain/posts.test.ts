import { describe, it } from 'vitest';
import { DomainRuleViolation } from '../../src/engine/errors';
import { event } from '../../src/domain/events';
import { postDecider } from '../../src/domain/posts/post-decider';
import { DeciderSpecification } from '../helpers/given-when-then';

const spec = DeciderSpecification.for(postDecider);
const created = event('PostCreated', { postId: 'p1', title: 'Hello', author: 'me' });
const like = (userId: string) => ({ type: 'LikePost' as const, postId: 'p1', userId });
const unlike = (userId: string) => ({ type: 'UnlikePost' as const, postId: 'p1', userId });

describe('posts', () => {
  it('creating a post', () => {
    spec.given([]).when({ type: 'CreatePost', postId: 'p1', title: ' Hello ', author: 'me' }).then([created]);
  });

  it('post ids are unique', () => {
    spec.given([created]).when({ type: 'CreatePost', postId: 'p1', title: 'Again', author: 'me' }).thenThrows(DomainRuleViolation, 'already exists', 'post.id-unique');
  });

  it('a post needs a title', () => {
    spec.given([]).when({ type: 'CreatePost', postId: 'p1', title: '  ', author: 'me' }).thenThrows(DomainRuleViolation, 'title', 'post.title-required');
  });

  it('a user can like a post', () => {
    spec.given([created]).when(like('alice')).then([event('PostLiked', { postId: 'p1', userId: 'alice' })]);
  });

  it('a user cannot like a post twice', () => {
    spec.given([created, event('PostLiked', { postId: 'p1', userId: 'alice' })]).when(like('alice')).thenThrows(DomainRuleViolation, 'only once', 'like.only-once');
    // another user still can
    spec.given([created, event('PostLiked', { postId: 'p1', userId: 'alice' })]).when(like('bob')).then([event('PostLiked', { postId: 'p1', userId: 'bob' })]);
  });

  it('a user can like again after unliking', () => {
    spec
      .given([created, event('PostLiked', { postId: 'p1', userId: 'alice' }), event('PostUnliked', { postId: 'p1', userId: 'alice' })])
      .when(like('alice'))
      .then([event('PostLiked', { postId: 'p1', userId: 'alice' })]);
  });

  it('a user cannot unlike a post they have not liked', () => {
    spec.given([created]).when(unlike('alice')).thenThrows(DomainRuleViolation, 'does not like', 'unlike.only-liked');
    spec
      .given([created, event('PostLiked', { postId: 'p1', userId: 'alice' }), event('PostUnliked', { postId: 'p1', userId: 'alice' })])
      .when(unlike('alice'))
      .thenThrows(DomainRuleViolation, 'does not like', 'unlike.only-liked');
    spec.given([created, event('PostLiked', { postId: 'p1', userId: 'alice' })]).when(unlike('alice')).then([event('PostUnliked', { postId: 'p1', userId: 'alice' })]);
  });

  it('a post that does not exist cannot be liked', () => {
    spec.given([]).when(like('alice')).thenThrows(DomainRuleViolation, 'does not exist', 'post.must-exist');
    spec.given([]).when(unlike('alice')).thenThrows(DomainRuleViolation, 'does not exist', 'post.must-exist');
  });
});
