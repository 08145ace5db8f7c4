import type { ChildProcess } from 'node:child_process';

export const CONFIG_FILE: string;
export const DEMO_DESK: { desk: string; user: string; password: string };
export function natsServerBinary(): string;
export function freePort(): Promise<number>;
export function startNatsServer(options: {
  port: number;
  clientPort?: number;
  dataDir: string;
  configFile?: string;
  stdio?: 'pipe' | 'inherit';
  timeoutMs?: number;
}): Promise<NatsServerHandle>;
export interface NatsServerHandle {
  pid: number;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  waitForOutput(pattern: RegExp, waitMs?: number): Promise<void>;
}
