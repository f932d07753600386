import { createAgents } from './createAgents';
import { createRandom, deriveSeed, METEOR_ID_ALPHABET } from './createRandom';
import type { Department, DepartmentSpec } from './types';

/** The world's departments (groups): immutable ones, replaced as a whole list on each change. */
export interface DepartmentList {
  all(): readonly Department[];
  /** By id, else by name. */
  find(idOrName: string): Department | undefined;
  /** Adds a department; throws when its id exists. */
  add(spec: DepartmentSpec): Department;
  /** Removes a department by id or name, freeing its agents' usernames; returns it, or undefined when unknown. */
  remove(idOrName: string): Department | undefined;
}

/** What a new department is made from besides its spec. */
interface DepartmentContext {
  seed: number;
  /** Agents unless the spec says otherwise. */
  agentsPerDepartment: number;
  /** The world's departments so far (the next free group id follows theirs). */
  existing: readonly Department[];
  /** Usernames taken so far; the new agents' are added. */
  usernames: Set<string>;
}

/** Makes a department from its spec: defaults, a seeded id, weight and update time, and its agents. */
function makeDepartment(spec: DepartmentSpec, ctx: DepartmentContext): Department {
  const { seed } = ctx;
  const id = spec.id ?? createRandom(deriveSeed(seed, 'department', spec.name)).id(17, METEOR_ID_ALPHABET);
  const groupId = spec.groupId ?? ctx.existing.reduce((max, d) => Math.max(max, d.groupId + 1), 0);
  const weight = spec.weight ?? 0.5 + createRandom(deriveSeed(seed, 'weight', id)).next();
  return {
    id,
    name: spec.name,
    groupId,
    enabled: spec.enabled ?? true,
    archived: spec.archived ?? false,
    description: spec.description ?? '',
    email: spec.email ?? '',
    weight,
    agents: createAgents(seed, id, spec.agents ?? ctx.agentsPerDepartment, ctx.usernames),
    updatedAt: Date.UTC(2024, 4, 10, 12) + (deriveSeed(seed, 'updated', id) % 86_400) * 1000,
  };
}

/** Creates an empty DepartmentList whose departments and agents derive from `seed`. */
export function createDepartmentList(deps: { seed: number; agentsPerDepartment: number }): DepartmentList {
  const usernames = new Set<string>();
  let departments: Department[] = [];
  const find = (idOrName: string): Department | undefined =>
    departments.find((d) => d.id === idOrName) ?? departments.find((d) => d.name === idOrName);
  return {
    all: () => departments,
    find,
    add(spec) {
      const dep = makeDepartment(spec, { ...deps, existing: departments, usernames });
      if (departments.some((d) => d.id === dep.id)) throw new Error(`department ${dep.id} already exists`);
      departments = [...departments, dep];
      return dep;
    },
    remove(idOrName) {
      const dep = find(idOrName);
      if (!dep) return undefined;
      departments = departments.filter((d) => d !== dep);
      for (const a of dep.agents) usernames.delete(a.username);
      return dep;
    },
  };
}
