import { useEffect, useState, useSyncExternalStore } from 'react';
import { useEventDesk } from '../../store/use-desk';
import { EventLogSource, type LogFilter } from './event-log-source';

/** One EventLogSource per mounted log view, kept in step with the filter and the head. */
export function useEventLogSource(filter: LogFilter, head: number, epoch = 0): { source: EventLogSource; version: number } {
  const desk = useEventDesk();
  const [source] = useState(
    () =>
      new EventLogSource({
        readRange: (from, to) => desk.readRange(from, to),
        readStream: (stream, toSeq) => desk.readStream(stream, toSeq),
      }),
  );
  const { type, stream } = filter;
  useEffect(() => {
    source.configure({ type, stream }, head, epoch);
  }, [source, type, stream, head, epoch]);
  useEffect(() => () => source.dispose(), [source]);
  const version = useSyncExternalStore(source.subscribe, source.getVersion);
  return { source, version };
}
