import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryHeadRecord } from '../../src/app/head-record';
import { charge, closeDesks, renderDesk } from './harness';

describe('storage problem alert', () => {
  afterEach(closeDesks);

  it('a log shorter than this browser last had is announced with the ways back, until the user continues', async () => {
    const headRecord = memoryHeadRecord();
    headRecord.write(3_238);
    await renderDesk({ headRecord });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Events are missing from this browser' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('This browser last had 3,238 events, but only 0 are stored now.');
    expect(alert).toHaveTextContent(/import an export of the desk/);
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Continue with what is stored' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('a damaged log names the seq range, offers the readable part, and in Korean keeps the English button name', async () => {
    const h = await renderDesk();
    await h.seed(charge(10), charge(20), charge(30));
    await h.desk.db.tail.update(3, { data: 'garbage' as never });
    // A fresh read (as on the next start) meets the damaged record.
    await act(() => h.desk.restart());
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'The event log is damaged' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('Event 3 could not be read back as it was written (checksum mismatch).');
    expect(alert).toHaveTextContent('export the readable part (events 1–2)');
    expect(screen.getByRole('status', { name: 'Balance' })).toHaveTextContent('30');
    act(() => h.store.getState().setLanguage('ko'));
    expect(within(alert).getByRole('heading', { name: '이벤트 로그가 손상되었습니다' })).toBeInTheDocument();
    expect(within(alert).getByRole('button', { name: /Export readable part/ })).toHaveTextContent('읽을 수 있는 부분 내보내기');
  });
});
