import { wsconnect } from '@nats-io/nats-core';
import { NatsUpstream, validDeskName } from '../../engine/nats/nats-upstream';
import type { ConnectOutcome, LogSync } from '../../engine/sync/log-sync';
import type { Upstream } from '../../engine/sync/upstream';
import { EventDeskError } from '../../engine/errors';

/** How this browser reaches its desk. Kept in this browser only (IndexedDB, beside the sync state): never in the log or an export. */
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

/** Where the settings are kept: the sync state's database (DexieSyncStateStore), whose writes are durable once they resolve. */
export interface SettingsRecords {
  readSetting(key: string): Promise<unknown>;
  writeSetting(key: string, value: unknown): Promise<void>;
}

function isStoredSettings(v: unknown): v is StoredSettings {
  const r = v as Partial<StoredSettings> | null;
  return !!r && r.v === 1 && [r.url, r.desk, r.user, r.password].every((f) => typeof f === 'string') && typeof r.auto === 'boolean';
}

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
  private current: StoredSettings | undefined;

  constructor(
    private readonly sync: LogSync,
    private readonly o: {
      storageKey: string;
      records: SettingsRecords;
      /** Where releases before v2 kept the settings (localStorage): read once, moved to `records`. */
      legacy?: Storage;
      upstreamFor?: UpstreamFactory;
    },
  ) {}

  get settings(): SyncSettings | undefined {
    const stored = this.current;
    return stored ? { url: stored.url, desk: stored.desk, user: stored.user, password: stored.password } : undefined;
  }

  /**
   * Start-up: reads the settings. They used to live in localStorage, which Chromium writes to disk
   * seconds later (a browser killed ~5 s after "Connect" came back without them): a record found
   * there is moved to IndexedDB.
   */
  async load(): Promise<void> {
    const stored = await this.o.records.readSetting(this.o.storageKey).catch(() => undefined);
    if (isStoredSettings(stored)) {
      this.current = stored;
      return;
    }
    const legacy = this.legacyRecord();
    if (!legacy) return;
    await this.save(legacy, legacy.auto);
    this.o.legacy?.removeItem(this.o.storageKey);
  }

  private legacyRecord(): StoredSettings | undefined {
    try {
      const raw = this.o.legacy?.getItem(this.o.storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : undefined;
      return isStoredSettings(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  /** Resolves once the settings are committed to IndexedDB: connecting waits for it. */
  private async save(settings: SyncSettings, auto: boolean): Promise<void> {
    const record: StoredSettings = { v: 1, url: settings.url, desk: settings.desk, user: settings.user, password: settings.password, auto };
    await this.o.records.writeSetting(this.o.storageKey, record);
    this.current = record;
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
    await this.save(clean, true);
    return this.sync.connect((this.o.upstreamFor ?? natsOverWebSocket)(clean), clean.desk);
  }

  async disconnect(): Promise<void> {
    const settings = this.settings;
    if (settings) await this.save(settings, false).catch(() => {});
    await this.sync.disconnect();
  }

  /** Start-up: connect again if the user left this browser connected to the desk it is linked to. */
  async resume(): Promise<void> {
    const stored = this.current;
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
