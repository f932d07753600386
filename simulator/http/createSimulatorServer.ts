import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../src/clock';
import { createWorld } from '../world/createWorld';
import type { DepartmentSpec } from '../world/types';
import { answerSharedFault, isSharedFaultMode, type SharedFaultMode } from './answerSharedFault';
import { clientIp } from './clientIp';
import { createFaultInjector, type ActiveFault } from './createFaultInjector';
import { createRequestLog, type RequestLogEntry } from './createRequestLog';
import { createServerHost } from './createServerHost';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './handleControl';
import { parseQuery } from './parseQuery';
import { readJsonBody } from './readJsonBody';
import type { CommonSimulatorOptions, SimulatorServer } from './SimulatorServer';

/** One upstream request (not a control-API call), as the shared plumbing hands it to a simulator. */
export interface SimulatorRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** Its request-log entry; send() fills in the response. */
  entry: RequestLogEntry;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** The POST body as readJsonBody parsed it when the simulator reads bodies; otherwise undefined. */
  body: unknown;
}

/** What one simulator adds to the shared plumbing. */
export interface SimulatorServerSpec<Mode extends string> {
  /** Names the upstream in GET /_simulator/state. */
  kind: string;
  faultModes: readonly Mode[];
  /** Departments (groups) of a world created here; unused when options.world is given. */
  departments: readonly DepartmentSpec[];
  agentsPerDepartment: number;
  /** Read POST bodies, before the latency wait: LiveChat v3.4+ takes JSON, Rocket.Chat's GET-only API none. */
  readsPostBodies?: boolean;
  /** The department (group) part of the control API, in the upstream's own terms. */
  control: Pick<ControlDeps, 'addDepartment' | 'removeDepartment'>;
  /** The upstream's own part of GET /_simulator/state at `now`, after kind, now and seed. */
  state(now: number): Record<string, unknown>;
  /** Answers a fault mode only this upstream has; the request is finished afterwards. */
  answerFault(mode: Exclude<Mode, SharedFaultMode>, fault: ActiveFault<Mode>, request: SimulatorRequest): void;
  /** Serves a request that got past the latency wait and the fault list. */
  serve(request: SimulatorRequest): Promise<void> | void;
}

/**
 * Creates what both simulators share: the world, request log, fault list and HTTP server, and per request
 * the logging, control API, latency and shared faults, so each simulator only holds its upstream's API.
 * `clock` is options.clock with its default applied, so the simulator and the plumbing read the same time.
 */
export function createSimulatorServer<Mode extends string>(
  options: CommonSimulatorOptions,
  clock: Clock,
  spec: SimulatorServerSpec<Mode>,
): SimulatorServer<Mode> {
  const world =
    options.world ??
    createWorld({
      clock,
      seed: options.seed ?? 1,
      timezone: options.timezone ?? 'UTC',
      departments: spec.departments,
      agentsPerDepartment: spec.agentsPerDepartment,
      arrivalsPerHour: options.arrivalsPerHour ?? 10,
    });
  const requests = createRequestLog(options.maxRequestLog ?? 1000);
  const faults = createFaultInjector(spec.faultModes);
  const latencyMs = options.latencyMs ?? 0;

  function state(): Record<string, unknown> {
    const now = clock.now();
    return { kind: spec.kind, now: new Date(now).toISOString(), seed: world.seed, ...spec.state(now) };
  }

  /** Resolves true when the fault finished the request (or deliberately left it hanging). */
  async function applyFault(fault: ActiveFault<Mode>, request: SimulatorRequest): Promise<boolean> {
    request.entry.fault = fault.mode;
    if (fault.mode !== 'slow' && fault.delayMs !== undefined && !(await host.wait(fault.delayMs))) return true;
    if (isSharedFaultMode(fault.mode))
      return answerSharedFault(fault.mode, fault, request.res, request.entry, (ms) => host.wait(ms));
    spec.answerFault(fault.mode as Exclude<Mode, SharedFaultMode>, fault, request);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname;
    const query = parseQuery(url.searchParams);
    const method = req.method ?? 'GET';
    const entry = requests.record({
      time: clock.now(),
      method,
      path,
      query,
      headers: { ...req.headers },
      ip: clientIp(req),
    });
    if (path.startsWith(CONTROL_PREFIX)) {
      await handleControl(req, res, entry, path, { world, faults, requests, ...spec.control, state });
      return;
    }
    let body: unknown;
    if (spec.readsPostBodies && method === 'POST') {
      body = await readJsonBody(req);
      entry.body = body;
    }
    if (latencyMs > 0 && !(await host.wait(latencyMs))) return;
    const request: SimulatorRequest = { req, res, entry, method, path, query, body };
    const fault = faults.take(path);
    if (fault && (await applyFault(fault, request))) return;
    await spec.serve(request);
  }

  const host = createServerHost(handle);

  return {
    listen: (port, h) => host.listen(port, h),
    close: () => host.close(),
    get url() {
      return host.url();
    },
    world,
    requests,
    faults,
    burst: (o) => world.burst(o),
    state,
  };
}
