import { useCallback } from 'react';
import { ME } from '../../domain/streams';
import { useDesk, useShown } from '../../store/use-desk';
import { defineMessages, useT } from '../i18n';
import { useCommandIntents } from '../use-command-intent';
import { CreatePostForm } from './create-post-form';
import { PostCard } from './post-card';
import './posts.css';

const messages = defineMessages({
  en: { title: 'Posts', empty: 'No posts yet.', count: '{n} posts' },
  ko: { title: '게시물', empty: '아직 게시물이 없습니다.', count: '게시물 {n}개' },
});

/** Every post at the slider's position: like count (by hand + delivered by orders), who liked, like / unlike for me. */
export function PostsPanel() {
  const t = useT(messages);
  const posts = useShown((s) => s.view.posts);
  const live = useDesk((s) => s.live);
  const intents = useCommandIntents();
  const { send, renew } = intents;
  // One intent per post and per state it was decided from: "like p1" is not "unlike p1".
  const onToggle = useCallback(
    (postId: string, liked: boolean) => {
      const key = `${postId}:${liked ? 'unlike' : 'like'}`;
      void send(key, { type: liked ? 'UnlikePost' : 'LikePost', postId, userId: ME }).then((ok) => ok && renew(key));
    },
    [send, renew],
  );
  return (
    <section className="panel panel-posts" aria-labelledby="posts-title">
      <div className="panel-head">
        <h2 id="posts-title">{t('title')}</h2>
        <span className="muted">{t('count', { n: posts.order.length })}</span>
      </div>
      <CreatePostForm />
      {posts.order.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <div className="list-scroll" role="region" aria-label="Posts list" tabIndex={0}>
          <ul className="post-list">
            {posts.order.map((id) => (
              <PostCard
                key={id}
                post={posts.byId[id]}
                past={!live}
                saving={intents.saving.has(`${id}:like`) || intents.saving.has(`${id}:unlike`)}
                onToggle={onToggle}
              />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
