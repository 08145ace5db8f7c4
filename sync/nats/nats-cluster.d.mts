import type { NatsServerHandle } from './nats-server-process.mjs';

export const CLUSTER_NAME: string;
export const CLUSTER_SIZE: number;
export interface ClusterNode {
  name: string;
  port: number;
  clientPort: number;
  dataDir: string;
  configFile: string;
  server: NatsServerHandle | undefined;
}
export interface NatsCluster {
  nodes: ClusterNode[];
  readonly wsUrls: string[];
  readonly tcpUrls: string[];
  start(i: number): Promise<NatsServerHandle>;
  kill(i: number): Promise<void>;
  isRunning(i: number): boolean;
  stop(): Promise<void>;
}
export function startNatsCluster(options: {
  dataDir: string;
  wsPorts?: number[];
  clientPorts?: number[];
  clusterPorts?: number[];
  desksFile?: string;
  stdio?: 'pipe' | 'inherit';
}): Promise<NatsCluster>;
export function freePorts(count: number): Promise<number[]>;
export const CONFIG_FILE: string;
