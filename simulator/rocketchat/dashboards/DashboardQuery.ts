import type { World } from '../../world/createWorld';
import type { Agent, Conversation } from '../../world/types';

/** Validated query of a dashboard endpoint (raw strings, as newest builds pass them on). */
export interface DashboardQuery {
  start: string;
  end: string;
  /** Already normalised: undefined for absent, empty or the literal "undefined". */
  departmentId?: string;
}

/** Body of a dashboard endpoint before `success: true` is appended. */
export type DashboardBody = Record<string, unknown>;

/** The query's exact [start, end] instants, as the endpoints that do not expand to whole days read them. */
export const exactWindow = (q: DashboardQuery): { from: number; to: number } => ({
  from: Date.parse(q.start),
  to: Date.parse(q.end),
});

/** Calls `fn` for each conversation created in [from, to], of one department or of all. */
export function eachConversation(
  world: World,
  from: number,
  to: number,
  departmentId: string | undefined,
  fn: (c: Conversation) => void,
): void {
  world.forEachConversation(from, to, departmentId === undefined ? undefined : [departmentId], fn);
}

/** The agents of one department (none when it is unknown), or every agent. */
export function departmentAgents(world: World, departmentId: string | undefined): readonly Agent[] {
  return departmentId === undefined
    ? world.agents()
    : (world.departments().find((d) => d.id === departmentId)?.agents ?? []);
}
