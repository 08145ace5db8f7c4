import { useState, type FormEvent } from 'react';
import { ME } from '../../domain/streams';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useT, useStableName } from '../i18n';

const messages = defineMessages({
  en: { title: 'New post title', create: 'Create post', placeholder: 'e.g. Our autumn menu' },
  ko: { title: '새 게시물 제목', create: '게시물 만들기', placeholder: '예: 가을 메뉴 소개' },
});

/** A post id from the title: readable, and unique enough for one user's log. */
function newPostId(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24);
  return `${slug || 'post'}-${Date.now().toString(36)}`;
}

/** Creates a post by me (CreatePost). Disabled in the past. */
export function CreatePostForm() {
  const t = useT(messages);
  const name = useStableName();
  const live = useDesk((s) => s.live);
  const dispatch = useDesk((s) => s.dispatch);
  const [title, setTitle] = useState('');
  const past = !live;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await dispatch({ type: 'CreatePost', postId: newPostId(title), title: title.trim(), author: ME });
    if (ok) setTitle('');
  };

  return (
    <form className="inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="field field-grow">
        <label htmlFor="new-post-title">{t('title')}</label>
        <input
          id="new-post-title"
          type="text"
          maxLength={80}
          placeholder={t('placeholder')}
          value={title}
          disabled={past}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
      </div>
      <button type="submit" className="btn" aria-label={name('Create post', t('create'))} disabled={past || title.trim() === ''}>
        {t('create')}
      </button>
    </form>
  );
}
