import type { IncomingMessage, ServerResponse } from 'node:http';
import type { World } from '../world/createWorld';
import type { FaultInjector, FaultSpec } from './createFaultInjector';
import type { RequestLog, RequestLogEntry } from './createRequestLog';
import { readJsonBody } from './readJsonBody';
import { send } from './send';

/** Prefix of the simulator's own control API (not part of either upstream). */
export const CONTROL_PREFIX = '/_simulator/';

/** What the control API operates on. */
export interface ControlDeps {
  world: World;
  faults: FaultInjector;
  requests: RequestLog;
  /** Adds a department/group from a JSON body; returns its public summary. */
  addDepartment(body: Record<string, unknown>): unknown;
  /** Removes by id; false when unknown. */
  removeDepartment(id: string): boolean;
  /** Summary for GET /_simulator/state. */
  state(): unknown;
}

/** A control API answer: status and JSON body. */
interface Answer {
  status: number;
  body: unknown;
}

/** A control call: its method, its path after CONTROL_PREFIX, and its JSON body (an object, or {}). */
interface ControlCall {
  method: string;
  rest: string;
  body: unknown;
  obj: Record<string, unknown>;
}

function burst({ obj }: ControlCall, deps: ControlDeps): Answer {
  const count = Number(obj.count ?? 1);
  if (!Number.isFinite(count) || count < 0) throw new Error('count must be a non-negative number');
  for (const key of ['openForMs', 'queueForMs'] as const) {
    const v = obj[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0))
      throw new Error(`${key} must be a non-negative number of milliseconds`);
  }
  const department = typeof obj.department === 'string' ? obj.department : undefined;
  const created = deps.world.burst({
    count,
    ...(department !== undefined && { department }),
    ...(typeof obj.openForMs === 'number' && { openForMs: obj.openForMs }),
    ...(typeof obj.queueForMs === 'number' && { queueForMs: obj.queueForMs }),
  });
  return {
    status: 200,
    body: { burst: created.length, ids: created.map((c) => c.id), chatIds: created.map((c) => c.chatId) },
  };
}

/** POST (one spec or a list), GET and DELETE /faults; DELETE /faults/:id. */
function faults({ method, rest, body }: ControlCall, deps: ControlDeps): Answer | undefined {
  if (rest === 'faults' && method === 'POST') {
    const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
    return { status: 201, body: { faults: specs.map((s) => deps.faults.add(s)) } };
  }
  if (rest === 'faults' && method === 'DELETE') return { status: 200, body: { cleared: deps.faults.clear() } };
  if (rest === 'faults' && method === 'GET') return { status: 200, body: { faults: deps.faults.list() } };
  if (rest.startsWith('faults/') && method === 'DELETE')
    return { status: 200, body: { cleared: deps.faults.clear(Number(rest.slice('faults/'.length))) } };
  return undefined;
}

/** POST and GET /departments; DELETE /departments/:id. */
function departments({ method, rest, obj }: ControlCall, deps: ControlDeps): Answer | undefined {
  if (rest === 'departments' && method === 'POST') return { status: 201, body: deps.addDepartment(obj) };
  if (rest === 'departments' && method === 'GET') {
    const list = deps.world
      .departments()
      .map((d) => ({ id: d.id, name: d.name, groupId: d.groupId, agents: d.agents.map((a) => a.username) }));
    return { status: 200, body: { departments: list } };
  }
  if (rest.startsWith('departments/') && method === 'DELETE') {
    const id = decodeURIComponent(rest.slice('departments/'.length));
    return deps.removeDepartment(id)
      ? { status: 200, body: { removed: id } }
      : { status: 404, body: { error: `unknown department ${id}` } };
  }
  return undefined;
}

/** GET /state; GET and DELETE /requests. */
function inspection({ method, rest }: ControlCall, deps: ControlDeps): Answer | undefined {
  if (rest === 'state' && method === 'GET') return { status: 200, body: deps.state() };
  if (rest === 'requests' && method === 'GET')
    return { status: 200, body: { requests: deps.requests.all().filter((e) => !e.path.startsWith(CONTROL_PREFIX)) } };
  if (rest === 'requests' && method === 'DELETE') {
    deps.requests.clear();
    return { status: 200, body: { cleared: true } };
  }
  return undefined;
}

/**
 * Serves /_simulator/*: burst, faults, departments, state, requests. Errors are plain
 * {"error": "..."} bodies with 400/404 so misuse in tests is obvious.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  entry: RequestLogEntry,
  path: string,
  deps: ControlDeps,
): Promise<void> {
  const method = req.method ?? 'GET';
  let body: unknown;
  if (method === 'POST' || method === 'PUT') {
    body = await readJsonBody(req);
    entry.body = body;
  }
  const obj = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const call: ControlCall = { method, rest: path.slice(CONTROL_PREFIX.length), body, obj };
  try {
    const answer =
      (call.rest === 'burst' && method === 'POST' ? burst(call, deps) : undefined) ??
      faults(call, deps) ??
      departments(call, deps) ??
      inspection(call, deps);
    if (answer) send(res, entry, answer.status, answer.body);
    else send(res, entry, 404, { error: `unknown control endpoint ${method} ${path}` });
  } catch (err) {
    send(res, entry, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
