// The Sync section lists desk entries this app refused, with their position and reason (EN and KO).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { charge, closeDesks, renderDesk } from '../ui/harness';

afterEach(closeDesks);

describe('Sync section: refused desk entries', () => {
  it('a garbage entry on the desk is listed with its position and reason; the log holds only the valid commands', async () => {
    const desk = new MemoryDesk();
    const h = await renderDesk({ upstreamFor: () => new MemoryUpstream(desk) });
    await h.seed(charge(300));
    fireEvent.change(screen.getByLabelText('Server URL'), { target: { value: 'ws://127.0.0.1:9' } });
    fireEvent.change(screen.getByLabelText('Desk'), { target: { value: 'demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(screen.getByLabelText('Sync status').textContent).toMatch(/synced up to event 1/), { timeout: 15_000 });
    expect(screen.queryByRole('list', { name: 'Refused desk entries' })).toBeNull();

    desk.entries.push('{"v":1,"commandId":"evil","events":[{"__proto__":{}}]}');
    await h.desk.sync.syncNow();
    const list = await screen.findByRole('list', { name: 'Refused desk entries' });
    expect(within(list).getByRole('listitem').textContent).toBe(
      'Desk entry 2 (after event 1) was not applied: forbidden key "events[0].__proto__" (__proto__, constructor and prototype are refused)',
    );
    expect(await h.desk.log.headSeq()).toBe(1);
    expect(h.desk.live.state.passbook.balance).toBe(300);

    fireEvent.click(screen.getByRole('button', { name: '한국어' }));
    await waitFor(() => expect(screen.getByText('이 앱이 거부한 데스크 항목 (1개)')).toBeInTheDocument());
    expect(within(screen.getByRole('list', { name: /Refused desk entries$/ })).getByRole('listitem').textContent).toMatch(/^데스크 항목 2\(이벤트 1 다음\)은 적용되지 않았습니다: /);
  }, 60_000);
});
