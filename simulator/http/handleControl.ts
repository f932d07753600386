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
  const rest = path.slice(CONTROL_PREFIX.length);
  let body: unknown;
  if (method === 'POST' || method === 'PUT') {
    body = await readJsonBody(req);
    entry.body = body;
  }
  const obj = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  try {
    if (rest === 'burst' && method === 'POST') {
      const count = Number(obj.count ?? 1);
      if (!Number.isFinite(count) || count < 0) throw new Error('count must be a non-negative number');
      const department = typeof obj.department === 'string' ? obj.department : undefined;
      const created = deps.world.burst({
        count,
        ...(department !== undefined && { department }),
        ...(typeof obj.openForMs === 'number' && { openForMs: obj.openForMs }),
      });
      send(res, entry, 200, {
        burst: created.length,
        ids: created.map((c) => c.id),
        chatIds: created.map((c) => c.chatId),
      });
      return;
    }
    if (rest === 'faults') {
      if (method === 'POST') {
        const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
        const added = specs.map((s) => deps.faults.add(s));
        send(res, entry, 201, { faults: added });
        return;
      }
      if (method === 'DELETE') {
        send(res, entry, 200, { cleared: deps.faults.clear() });
        return;
      }
      if (method === 'GET') {
        send(res, entry, 200, { faults: deps.faults.list() });
        return;
      }
    }
    if (rest.startsWith('faults/') && method === 'DELETE') {
      send(res, entry, 200, { cleared: deps.faults.clear(Number(rest.slice('faults/'.length))) });
      return;
    }
    if (rest === 'departments' && method === 'POST') {
      send(res, entry, 201, deps.addDepartment(obj));
      return;
    }
    if (rest === 'departments' && method === 'GET') {
      send(res, entry, 200, {
        departments: deps.world
          .departments()
          .map((d) => ({ id: d.id, name: d.name, groupId: d.groupId, agents: d.agents.map((a) => a.username) })),
      });
      return;
    }
    if (rest.startsWith('departments/') && method === 'DELETE') {
      const id = decodeURIComponent(rest.slice('departments/'.length));
      if (deps.removeDepartment(id)) send(res, entry, 200, { removed: id });
      else send(res, entry, 404, { error: `unknown department ${id}` });
      return;
    }
    if (rest === 'state' && method === 'GET') {
      send(res, entry, 200, deps.state());
      return;
    }
    if (rest === 'requests' && method === 'GET') {
      send(res, entry, 200, { requests: deps.requests.all().filter((e) => !e.path.startsWith(CONTROL_PREFIX)) });
      return;
    }
    if (rest === 'requests' && method === 'DELETE') {
      deps.requests.clear();
      send(res, entry, 200, { cleared: true });
      return;
    }
    send(res, entry, 404, { error: `unknown control endpoint ${method} ${path}` });
  } catch (err) {
    send(res, entry, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
