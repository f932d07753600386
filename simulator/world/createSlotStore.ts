import { HOUR_MS, type Zone } from './createZone';
import { generateSlot } from './generateSlot';
import type { Conversation, Department } from './types';

/** The generated conversations of each (department, hour) slot, generated on first use and kept until pruned. */
export interface SlotStore {
  /** Calls `fn` for each conversation of `departments` created in [lo, hi], generating slots as needed. */
  forEach(departments: readonly Department[], lo: number, hi: number, fn: (c: Conversation) => void): void;
  /** Drops every slot before `firstHour`. */
  prune(firstHour: number): void;
  /** Drops a removed department's slots. */
  drop(departmentId: string): void;
  stats(): { cachedSlots: number; cachedConversations: number };
}

/** Creates a SlotStore over generateSlot with the world's seed, zone, traffic and tags. */
export function createSlotStore(deps: {
  seed: number;
  zone: Zone;
  arrivalsPerHour: number;
  tags: readonly string[];
}): SlotStore {
  const { seed, zone, arrivalsPerHour, tags } = deps;
  // Zipf-like popularity so a handful of tags dominate and the long tail is thin.
  const tagWeights = tags.map((_, i) => 1 / (i + 1));
  /** departmentId -> hourIndex -> conversations (sorted by createdAt). */
  const slots = new Map<string, Map<number, Conversation[]>>();
  /** The conversations created in the department's hour `hourIndex`, sorted by creation time. */
  function slot(department: Department, hourIndex: number): Conversation[] {
    let perDept = slots.get(department.id);
    if (!perDept) {
      perDept = new Map();
      slots.set(department.id, perDept);
    }
    let convs = perDept.get(hourIndex);
    if (!convs) {
      convs = generateSlot({ seed, department, hourIndex, zone, arrivalsPerHour, tags, tagWeights });
      perDept.set(hourIndex, convs);
    }
    return convs;
  }
  return {
    forEach(departments, lo, hi, fn) {
      const firstHour = Math.floor(lo / HOUR_MS);
      const lastHour = Math.floor(hi / HOUR_MS);
      for (const dep of departments) {
        for (let h = firstHour; h <= lastHour; h++) {
          const convs = slot(dep, h);
          const edge = h === firstHour || h === lastHour;
          for (const c of convs) {
            if (edge && (c.createdAt < lo || c.createdAt > hi)) continue;
            fn(c);
          }
        }
      }
    },
    prune(firstHour) {
      for (const perDept of slots.values()) {
        for (const h of perDept.keys()) if (h < firstHour) perDept.delete(h);
      }
    },
    drop: (departmentId) => void slots.delete(departmentId),
    stats() {
      let cachedSlots = 0;
      let cachedConversations = 0;
      for (const perDept of slots.values()) {
        cachedSlots += perDept.size;
        for (const convs of perDept.values()) cachedConversations += convs.length;
      }
      return { cachedSlots, cachedConversations };
    },
  };
}
