import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ME } from '../../domain/streams';
import { useDesk } from '../../store/use-desk';
import { TextInput, textLength } from '../forms/text-input';
import { defineMessages, useT, useStableName } from '../i18n';
import { useCommandIntent } from '../use-command-intent';

const messages = defineMessages({
  en: { title: 'New post title', create: 'Create post', placeholder: 'e.g. Our autumn menu', saving: 'Saving…' },
  ko: { title: '새 게시물 제목', create: '게시물 만들기', placeholder: '예: 가을 메뉴 소개', saving: '저장 중…' },
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

/** A longer title is refused in the form, said, never cut. */
export const MAX_TITLE = 80;

/** Creates a post by me (CreatePost). Disabled in the past. */
export function CreatePostForm() {
  const t = useT(messages);
  const name = useStableName();
  const live = useDesk((s) => s.live);
  const intent = useCommandIntent();
  const [title, setTitle] = useState('');
  const typed = useRef(title);
  useEffect(() => {
    typed.current = title;
  });
  const past = !live;
  const tooLong = textLength(title) > MAX_TITLE;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (intent.saving || tooLong) return;
    const sent = title;
    const ok = await intent.send({ type: 'CreatePost', postId: newPostId(title), title: title.trim(), author: ME });
    if (!ok) return;
    // What was typed while it saved stays, as the next post.
    if (typed.current === sent) setTitle('');
    else intent.renew();
  };

  return (
    <form className="inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <TextInput
        id="new-post-title"
        label={t('title')}
        value={title}
        max={MAX_TITLE}
        placeholder={t('placeholder')}
        disabled={past}
        onChange={(value) => {
          intent.edited();
          setTitle(value);
        }}
      />
      <button
        type="submit"
        className="btn"
        aria-label={name('Create post', t('create'))}
        aria-busy={intent.saving}
        disabled={past || intent.saving || title.trim() === '' || tooLong}
      >
        {intent.saving ? t('saving') : t('create')}
      </button>
    </form>
  );
}
