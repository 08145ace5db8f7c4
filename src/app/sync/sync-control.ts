import { wsconnect } from '@nats-io/nats-core';
import { NatsUpstream, validDeskName } from '../../engine/nats/nats-upstream';
import type { ConnectOutcome, LogSync } from '../../engine/sync/log-sync';
import type { Upstream } from '../../engine/sync/upstream';
import { EventDeskError } from '../../engine/errors';

/** How this browser reaches its desk. Kept in this browser only (localStorage): never in the log or an export. */
export interface SyncSettings {
  /** One or more ws:// or wss:// URLs (comma or space separated): servers of one cluster. */
  url: string;
  desk: string;
  user: string;
  password: string;
}

interface StoredSettings extends SyncSettings {
  v: 1;
  /** Connect again on the next start (false after "Disconnect"). */
  auto: boolean;
}

export type UpstreamFactory = (settings: SyncSettings) => Upstream;

export function serverUrls(url: string): string[] {
  return url.split(/[\s,]+/).filter(Boolean);
}

/** The browser's adapter: NATS over WebSocket, reconnecting on its own. */
export const natsOverWebSocket: UpstreamFactory = (settings) =>
  new NatsUpstream({
    desk: settings.desk,
    connect: () =>
      wsconnect({
        servers: serverUrls(settings.url),
        user: settings.user,
        pass: settings.password,
        name: 'eventdesk',
        reconnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1_000,
      }),
  });

/**
 * The app's side of sync: remembers the settings, builds the upstream and
 * connects the engine's LogSync; reconnects on start when the user left it
 * connected.
 */
export class SyncControl {
  constructor(
    private readonly sync: LogSync,
    private readonly o: { storageKey: string; storage?: Storage; upstreamFor?: UpstreamFactory },
  ) {}

  get settings(): SyncSettings | undefined {
    const stored = this.stored();
    return stored ? { url: stored.url, desk: stored.desk, user: stored.user, password: stored.password } : undefined;
  }

  private stored(): StoredSettings | undefined {
    try {
      const raw = this.o.storage?.getItem(this.o.storageKey);
      const parsed = raw ? (JSON.parse(raw) as StoredSettings) : undefined;
      return parsed?.v === 1 ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  private save(settings: SyncSettings, auto: boolean): void {
    const record: StoredSettings = { v: 1, ...settings, auto };
    this.o.storage?.setItem(this.o.storageKey, JSON.stringify(record));
  }

  async connect(settings: SyncSettings): Promise<ConnectOutcome> {
    const clean = { url: settings.url.trim(), desk: settings.desk.trim(), user: settings.user.trim(), password: settings.password };
    if (serverUrls(clean.url).some((u) => !/^wss?:\/\//.test(u)) || serverUrls(clean.url).length === 0) {
      throw new EventDeskError('The server URL must start with ws:// or wss:// (several URLs: separate them with commas).');
    }
    if (!validDeskName(clean.desk)) throw new EventDeskError('A desk name uses letters, digits, - and _ only.');
    const linked = this.sync.linkedDesk;
    if (linked && linked !== clean.desk && this.sync.status.pending > 0) {
      throw new EventDeskError(`Commands for desk "${linked}" are still waiting to upload. Connect to "${linked}" first.`);
    }
    this.save(clean, true);
    return this.sync.connect((this.o.upstreamFor ?? natsOverWebSocket)(clean), clean.desk);
  }

  async disconnect(): Promise<void> {
    const settings = this.settings;
    if (settings) this.save(settings, false);
    await this.sync.disconnect();
  }

  /** Start-up: connect again if the user left this browser connected to the desk it is linked to. */
  async resume(): Promise<void> {
    const stored = this.stored();
    if (!stored?.auto || stored.desk !== this.sync.linkedDesk) return;
    await this.connect(stored).catch(() => {});
  }

  /** Both held different histories and the user chose the desk's. */
  async replaceWithDesk(): Promise<void> {
    const settings = this.settings;
    if (!settings) throw new EventDeskError('Connect to a desk first.');
    await this.sync.replaceWithDesk(settings.desk);
  }
}
