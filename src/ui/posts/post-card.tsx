import { memo } from 'react';
import { ME } from '../../domain/streams';
import type { PostRow } from '../../projections/posts';
import { defineMessages, formatNumber, useLanguage, useT, useStableName } from '../i18n';

/** Names shown at most under a post. */
const LIKERS_SHOWN = 8;

const messages = defineMessages({
  en: {
    by: 'by {author}',
    me: 'me',
    likes: 'likes',
    breakdown: '{users} by people · {delivered} delivered by orders',
    likedBy: 'Liked by',
    nobody: 'Nobody has liked this yet.',
    more: '+{n} more',
    like: 'Like',
    unlike: 'Unlike',
    saving: 'Saving…',
  },
  ko: {
    by: '작성자 {author}',
    me: '나',
    likes: '좋아요',
    breakdown: '사람 {users} · 주문으로 전달 {delivered}',
    likedBy: '좋아요한 사람',
    nobody: '아직 좋아요가 없습니다.',
    more: '외 {n}명',
    like: '좋아요',
    unlike: '좋아요 취소',
    saving: '저장 중…',
  },
});

export interface PostCardProps {
  post: PostRow;
  past: boolean;
  /** My like or unlike of this post is being saved. */
  saving?: boolean;
  onToggle: (postId: string, liked: boolean) => void;
}

export const PostCard = memo(function PostCard({ post, past, saving = false, onToggle }: PostCardProps) {
  const t = useT(messages);
  const stableName = useStableName();
  const language = useLanguage();
  const likers = Object.keys(post.likedBy);
  const liked = post.likedBy[ME] === true;
  const titleId = `post-${post.postId}-title`;
  const name = (user: string) => (user === ME ? t('me') : user);
  return (
    <li className="post-card">
      <article aria-labelledby={titleId}>
        <div className="post-head">
          <div>
            <h3 id={titleId}>{post.title}</h3>
            <span className="muted">{t('by', { author: name(post.author) })}</span>
          </div>
          <div className="like-count">
            <output aria-label="Like count">{formatNumber(post.likeCount, language)}</output>
            <span className="muted">{t('likes')}</span>
          </div>
        </div>
        <p className="muted small">{t('breakdown', { users: post.userLikes, delivered: post.deliveredLikes })}</p>
        <div className="post-foot">
          <p className="likers">
            {likers.length === 0 ? (
              <span className="muted">{t('nobody')}</span>
            ) : (
              <>
                <span className="muted">{t('likedBy')}: </span>
                {likers.slice(0, LIKERS_SHOWN).map(name).join(', ')}
                {likers.length > LIKERS_SHOWN && ` ${t('more', { n: likers.length - LIKERS_SHOWN })}`}
              </>
            )}
          </p>
          <button
            type="button"
            className={liked ? 'btn btn-small btn-liked' : 'btn btn-small'}
            aria-label={stableName(liked ? `Unlike ${post.title}` : `Like ${post.title}`, liked ? t('unlike') : t('like'))}
            aria-busy={saving}
            disabled={past || saving}
            onClick={(e) => {
              // The second click of a double-click is not a new intent (it would send a stale Unlike).
              if (e.detail > 1) return;
              onToggle(post.postId, liked);
            }}
          >
            <span aria-hidden="true">{liked ? '♥ ' : '♡ '}</span>
            {saving ? t('saving') : liked ? t('unlike') : t('like')}
          </button>
        </div>
      </article>
    </li>
  );
});
