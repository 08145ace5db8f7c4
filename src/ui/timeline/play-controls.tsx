import { memo } from 'react';
import { useDesk } from '../../store/use-desk';
import { defineMessages, useT, useStableName } from '../i18n';

export const PLAY_SPEEDS = [10, 50, 200, 1000] as const;

const messages = defineMessages({
  en: { play: 'Play', pause: 'Pause', speed: 'Speed', perSecond: '{n} events/s' },
  ko: { play: '재생', pause: '일시정지', speed: '속도', perSecond: '초당 {n}개' },
});

/** Replays the log forward at a chosen speed; from the live end it starts at the first event. */
export const PlayControls = memo(function PlayControls() {
  const t = useT(messages);
  const playing = useDesk((s) => s.playing);
  const speed = useDesk((s) => s.playSpeed);
  const head = useDesk((s) => s.head);
  // A what-if pins the slider at its fork: nothing to play.
  const pinned = useDesk((s) => s.whatIf !== null);
  const play = useDesk((s) => s.play);
  const stopPlaying = useDesk((s) => s.stopPlaying);
  const name = useStableName();
  const setPlaySpeed = useDesk((s) => s.setPlaySpeed);
  return (
    <div className="play-controls">
      <button
        type="button"
        className="btn btn-small"
        aria-label={name(playing ? 'Pause playback' : 'Play', playing ? t('pause') : t('play'))}
        disabled={head === 0 || pinned}
        onClick={playing ? stopPlaying : play}
      >
        <span aria-hidden="true">{playing ? '❚❚ ' : '▶ '}</span>
        {playing ? t('pause') : t('play')}
      </button>
      <label className="play-speed">
        <span>{t('speed')}</span>
        <select value={speed} onChange={(e) => setPlaySpeed(Number(e.currentTarget.value))}>
          {PLAY_SPEEDS.map((n) => (
            <option key={n} value={n}>
              {t('perSecond', { n })}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
});
