import { useCallback, useRef, useState } from 'react';
import type { Command } from '../domain/commands';
import { newCommandId } from '../store/desk-store';
import { useDesk } from '../store/use-desk';

/**
 * One user intent per key (a form, or one post's Like button): its command id
 * is fixed when the action starts and kept until the intent is done, so a
 * double-click, Enter held down or a retry sends the same id and the log
 * writes it once. While it saves, a second send is refused at once (before the
 * log is even asked) and `saving` tells the button to say so.
 *
 * After a success the next send is a new intent only once the user changed
 * something (`edited`) or the caller says so (`renew`): clicking again on an
 * unchanged form repeats the same intent, which the log answers without
 * writing.
 */
export interface CommandIntents {
  send(key: string, command: Command): Promise<boolean>;
  /** Keys whose command is being saved. */
  saving: ReadonlySet<string>;
  /** The user changed the form of `key`: after a success, the next send is a new intent. */
  edited(key: string): void;
  /** Starts a new intent for `key` now. */
  renew(key: string): void;
}

export function useCommandIntents(): CommandIntents {
  const dispatch = useDesk((s) => s.dispatch);
  const ids = useRef(new Map<string, string>());
  const done = useRef(new Set<string>());
  const busy = useRef(new Set<string>());
  const [saving, setSaving] = useState<ReadonlySet<string>>(() => new Set());

  const renew = useCallback((key: string) => {
    ids.current.set(key, newCommandId());
    done.current.delete(key);
  }, []);

  const edited = useCallback(
    (key: string) => {
      // The intent starts when the user starts filling the form; after a success, a change starts the next one.
      if (done.current.has(key) || !ids.current.has(key)) renew(key);
    },
    [renew],
  );

  const send = useCallback(
    async (key: string, command: Command) => {
      if (busy.current.has(key)) return false;
      let id = ids.current.get(key);
      if (!id) ids.current.set(key, (id = newCommandId()));
      busy.current.add(key);
      setSaving(new Set(busy.current));
      try {
        const ok = await dispatch(command, { commandId: id });
        if (ok) done.current.add(key);
        return ok;
      } finally {
        busy.current.delete(key);
        setSaving(new Set(busy.current));
      }
    },
    [dispatch],
  );

  return { send, saving, edited, renew };
}

/** The intent of a single form: `useCommandIntents` with one key. */
export function useCommandIntent(): {
  send(command: Command): Promise<boolean>;
  saving: boolean;
  edited(): void;
  renew(): void;
} {
  const intents = useCommandIntents();
  const { send, edited, renew } = intents;
  return {
    send: useCallback((command: Command) => send('', command), [send]),
    saving: intents.saving.has(''),
    edited: useCallback(() => edited(''), [edited]),
    renew: useCallback(() => renew(''), [renew]),
  };
}
