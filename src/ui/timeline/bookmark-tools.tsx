import { useState, type FormEvent } from 'react';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useStableName, useT } from '../i18n';

const messages = defineMessages({
  en: {
    bookmark: 'Bookmark',
    label: 'Bookmark label',
    placeholder: 'e.g. before the spring campaign',
    list: 'Bookmarks',
    none: 'No bookmarks yet.',
    at: 'event {n}',
    remove: 'Remove bookmark {label}',
  },
  ko: {
    bookmark: '북마크',
    label: '북마크 이름',
    placeholder: '예: 봄 캠페인 전',
    list: '북마크',
    none: '아직 북마크가 없습니다.',
    at: '이벤트 {n}',
    remove: '북마크 {label} 삭제',
  },
});

/** Bookmark the slider's position with a label; the list of bookmarks, each jumping the slider there. */
export function BookmarkTools() {
  const t = useT(messages);
  const name = useStableName();
  const head = useDesk((s) => s.head);
  const bookmarks = useDesk((s) => s.bookmarks);
  const target = useDesk((s) => s.target);
  const addBookmark = useDesk((s) => s.addBookmark);
  const removeBookmark = useDesk((s) => s.removeBookmark);
  const seek = useDesk((s) => s.seek);
  const goLive = useDesk((s) => s.goLive);
  const [label, setLabel] = useState('');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await addBookmark(label)) setLabel('');
  };

  return (
    <>
      <form className="time-tool bookmark-form" onSubmit={onSubmit}>
        <input
          type="text"
          aria-label={name('Bookmark label', t('label'))}
          placeholder={t('placeholder')}
          maxLength={120}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
        />
        <button type="submit" className="btn btn-small" aria-label={name('Bookmark', t('bookmark'))} disabled={head === 0 || label.trim() === ''}>
          {t('bookmark')}
        </button>
      </form>
      <ul className="bookmark-list" aria-label={name('Bookmarks', t('list'))}>
        {bookmarks.map((b) => (
          <li key={b.id} className={b.seq === target ? 'bookmark is-current' : 'bookmark'}>
            <button
              type="button"
              className="bookmark-jump"
              title={t('at', { n: b.seq })}
              aria-current={b.seq === target ? 'true' : undefined}
              onClick={() => (b.seq >= head ? goLive() : seek(b.seq))}
            >
              {b.label} <span className="muted">#{b.seq}</span>
            </button>
            <button type="button" className="bookmark-remove" aria-label={name(`Remove bookmark ${b.label}`, t('remove', { label: b.label }))} onClick={() => void removeBookmark(b.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
