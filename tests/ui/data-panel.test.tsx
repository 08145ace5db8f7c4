import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { exportNdjson } from '../../src/app/ndjson-export';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { createDeskStore, startDesk, type DeskStore } from '../../src/store/desk-store';
import { DeskContext } from '../../src/store/use-desk';
import { DataPanel } from '../../src/ui/data/data-panel';

let desk: EventDesk;
let store: DeskStore;
const others: EventDesk[] = [];

// snapshotInterval explicit: see tests/app/ndjson.test.ts (EventDesk forwards `undefined` to the TimeMachine).
const newDesk = (prefix: string) => new EventDesk({ dbName: prefix + Math.random(), runExecutor: false, snapshotInterval: 10_000 });

beforeEach(async () => {
  localStorage.setItem('eventdesk.language', 'en');
  desk = newDesk('data-ui-');
  store = createDeskStore(desk);
  await startDesk(desk, store);
});

afterEach(async () => {
  // Unmount before the desk closes, and let reads the panel started settle.
  cleanup();
  await new Promise((resolve) => setTimeout(resolve, 20));
  desk.close();
  while (others.length) others.pop()!.close();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function renderPanel() {
  return render(
    <DeskContext.Provider value={{ store, desk }}>
      <DataPanel />
    </DeskContext.Provider>,
  );
}

async function seedThree(d: EventDesk) {
  await d.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1000 });
  await d.dispatch({ type: 'CreatePost', postId: 'p1', title: 'Hello', author: 'kim' });
  await d.dispatch({ type: 'LikePost', postId: 'p1', userId: 'lee' });
}

/** An export of another desk holding 5 events (balance 777). */
async function otherExport(): Promise<string> {
  const other = newDesk('data-other-');
  others.push(other);
  await other.start();
  await other.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 700 });
  await other.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 77 });
  await other.dispatch({ type: 'CreatePost', postId: 'q', title: 'Q', author: 'me' });
  await other.dispatch({ type: 'LikePost', postId: 'q', userId: 'a' });
  await other.dispatch({ type: 'LikePost', postId: 'q', userId: 'b' });
  return (await exportNdjson(other.store)).text();
}

const importInput = () => screen.getByLabelText('Import events');
const file = (text: string, name: string) => new File([text], name, { type: 'application/x-ndjson' });
const allEvents = async (): Promise<StoredEvent[]> => desk.readRange(1, await desk.store.headSeq());

describe('DataPanel', () => {
  it('shows the Data heading, export and import controls and storage figures', async () => {
    renderPanel();
    expect(screen.getByRole('heading', { name: 'Data' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export events' })).toBeDisabled(); // empty log
    expect(importInput()).toHaveAttribute('type', 'file');
    expect(importInput()).toHaveAttribute('accept', '.ndjson,.jsonl,.txt');
    expect(screen.getByRole('heading', { name: 'Storage' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Keep data persistent' })).toBeInTheDocument();
    // jsdom has no navigator.storage
    expect(await screen.findByText('Not supported by this browser')).toBeInTheDocument();
  });

  it('imports into an empty log without asking', async () => {
    const user = userEvent.setup();
    const text = await otherExport();
    renderPanel();
    await user.upload(importInput(), file(text, 'other.ndjson'));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Data activity' })).toHaveTextContent('Imported 5 events'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await desk.store.headSeq()).toBe(5);
    await waitFor(() => expect(store.getState().head).toBe(5));
    expect(store.getState().view.passbook.balance).toBe(777);
  });

  it('import into a non-empty log only after confirming', async () => {
    const user = userEvent.setup();
    await seedThree(desk);
    const text = await otherExport();
    const before = await allEvents();
    renderPanel();

    // Cancel changes nothing.
    await user.upload(importInput(), file(text, 'other.ndjson'));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Replace the 3 events in this log with 5 events from other.ndjson?');
    // Focus moves to Cancel in an effect after the dialog renders.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await allEvents()).toEqual(before);
    expect(store.getState().head).toBe(3);
    expect(screen.getByRole('status', { name: 'Data activity' })).toHaveTextContent('Import cancelled');

    // Replace log replaces.
    await user.upload(importInput(), file(text, 'other.ndjson'));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Replace log' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Data activity' })).toHaveTextContent('Imported 5 events'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await desk.store.headSeq()).toBe(5);
    expect((await allEvents()).map((e) => e.streamId)).toEqual(['wallet:me', 'wallet:me', 'post:q', 'post:q', 'post:q']);
    await waitFor(() => expect(store.getState().head).toBe(5));
    expect(store.getState().live).toBe(true);
    expect(store.getState().view.passbook.balance).toBe(777);
  });

  it('Escape in the confirmation cancels', async () => {
    const user = userEvent.setup();
    await seedThree(desk);
    const text = await otherExport();
    renderPanel();
    await user.upload(importInput(), file(text, 'other.ndjson'));
    await screen.findByRole('alertdialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await desk.store.headSeq()).toBe(3);
  });

  it('lists import errors with line numbers and writes nothing', async () => {
    const user = userEvent.setup();
    await seedThree(desk);
    const lines = (await otherExport()).trimEnd().split('\n');
    lines[2] = '{oops';
    lines[3] = JSON.stringify({ ...JSON.parse(lines[3]), seq: 9 });
    const before = await allEvents();
    renderPanel();
    await user.upload(importInput(), file(lines.join('\n'), 'bad.ndjson'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The file was not imported');
    const items = within(alert).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/^Line 3: not valid JSON/);
    expect(items[1]).toHaveTextContent(/^Line 4: seq 9/);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await allEvents()).toEqual(before);
  });

  it('refuses a file past the size limit before reading it', async () => {
    const user = userEvent.setup();
    renderPanel();
    const big = file('x', 'huge.ndjson');
    Object.defineProperty(big, 'size', { value: 2 * 1024 * 1024 * 1024 });
    const text = vi.spyOn(big, 'text');
    const slice = vi.spyOn(big, 'slice');
    await user.upload(importInput(), big);
    expect(await screen.findByRole('alert')).toHaveTextContent('The file is 2 GB, larger than the import limit of 1 GB. Nothing was imported.');
    expect(text).not.toHaveBeenCalled();
    expect(slice).not.toHaveBeenCalled();
  });

  it('exports the log as a download named eventdesk-<date>.ndjson', async () => {
    const user = userEvent.setup();
    await seedThree(desk);
    let blob: Blob | undefined;
    const createObjectURL = vi.fn((b: Blob) => {
      blob = b;
      return 'blob:eventdesk-test';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderPanel();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export events' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Export events' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Data activity' })).toHaveTextContent(/Exported 3 events to eventdesk-\d{4}-\d{2}-\d{2}\.ndjson/));
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toMatch(/^eventdesk-\d{4}-\d{2}-\d{2}\.ndjson$/);
    expect(clicked[0].href).toBe('blob:eventdesk-test');
    const lines = (await blob!.text()).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as StoredEvent).seq)).toEqual([1, 2, 3]);
  });

  it('"Keep data persistent" asks the browser and shows the outcome', async () => {
    const user = userEvent.setup();
    let granted = false;
    const persist = vi.fn(async () => (granted = true));
    Object.defineProperty(navigator, 'storage', {
      configurable: true,
      value: { persist, persisted: async () => granted, estimate: async () => ({ usage: 2 * 1024 * 1024, quota: 100 * 1024 * 1024 }) },
    });
    try {
      renderPanel();
      expect(await screen.findByText('Not persistent: the browser may clear this data when space runs low')).toBeInTheDocument();
      expect(screen.getByText('2 MB used of 100 MB')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Keep data persistent' }));
      expect(persist).toHaveBeenCalledOnce();
      expect(await screen.findByText('Persistent: the browser keeps this data')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Keep data persistent' })).toBeDisabled();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).storage;
    }
  });

  it('speaks Korean', async () => {
    renderPanel();
    act(() => store.getState().setLanguage('ko'));
    expect(screen.getByRole('heading', { name: '데이터' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '이벤트 내보내기' })).toBeInTheDocument();
    expect(screen.getByLabelText('이벤트 가져오기')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '저장 공간' })).toBeInTheDocument();
  });
});
