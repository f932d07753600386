import type { ConfigView } from '../config/types';
import type { LogFormat, LogLevel } from '../log/Logger';
import type { TargetState } from '../poll/TargetState';
import type { EncodedSnapshot } from '../snapshot/encodeSnapshot';
import type { ReloadResult } from './createReloader';
import type { Shard, ShardStatus } from './Shard';

/** What the polling thread starts with (its workerData). */
export interface WorkerStart {
  readonly configFile: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly shard: Shard;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
}

/** Questions the serving thread asks, and what each answers. */
export interface WorkerMethods {
  /** Every target's state, without the parsed values (the status page). */
  states: { arg: undefined; result: TargetState[] };
  /** One target's state, values included (its debug page). */
  state: { arg: string; result: TargetState | undefined };
  reload: { arg: undefined; result: ReloadResult };
  /** Stops polling, aborts requests and closes upstream connections. */
  stop: { arg: undefined; result: undefined };
}

/** A message to the polling thread. */
export type ToWorker = {
  [M in keyof WorkerMethods]: {
    readonly type: 'call';
    readonly id: number;
    readonly method: M;
    readonly arg: WorkerMethods[M]['arg'];
  };
}[keyof WorkerMethods];

/** A message from the polling thread. */
export type FromWorker =
  | { readonly type: 'snapshot'; readonly target: string; readonly snapshot: EncodedSnapshot }
  | { readonly type: 'delete'; readonly target: string }
  | { readonly type: 'ready'; readonly ready: boolean }
  | { readonly type: 'applied'; readonly config: ConfigView; readonly shard: ShardStatus; readonly secrets: string[] }
  | { readonly type: 'log'; readonly line: string }
  /** The thread cannot go on; `problems` when its config is invalid (one line each, as ConfigError). */
  | { readonly type: 'failed'; readonly message: string; readonly problems?: readonly string[] }
  | { readonly type: 'reply'; readonly id: number; readonly value?: unknown; readonly error?: string };
