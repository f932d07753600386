import type { World } from '../../world/createWorld';
import { agentsStatus, chats, chatsPerAgent, chatsPerDepartment, timings } from './chartDashboards';
import { chatsTotalizers, productivityTotalizers } from './chatTotalizers';
import type { DashboardBody, DashboardQuery } from './DashboardQuery';
import { agentsProductivityTotalizers, conversationTotalizers } from './overviewTotalizers';

/** Computes the nine Rocket.Chat dashboard responses from the world at the current clock time. */
export interface DashboardMetrics {
  conversationTotalizers(q: DashboardQuery): DashboardBody;
  agentsProductivityTotalizers(q: DashboardQuery): DashboardBody;
  chatsTotalizers(q: DashboardQuery): DashboardBody;
  productivityTotalizers(q: DashboardQuery): DashboardBody;
  chats(q: DashboardQuery): DashboardBody;
  chatsPerAgent(q: DashboardQuery): DashboardBody;
  agentsStatus(departmentId: string | undefined): DashboardBody;
  chatsPerDepartment(q: DashboardQuery): DashboardBody;
  timings(q: DashboardQuery): DashboardBody;
}

/** Creates the dashboard computations over `world` (reporting timezone = world.zone). */
export function createDashboardMetrics(deps: { world: World }): DashboardMetrics {
  const { world } = deps;
  return {
    conversationTotalizers: (q) => conversationTotalizers(world, q),
    agentsProductivityTotalizers: (q) => agentsProductivityTotalizers(world, q),
    chatsTotalizers: (q) => chatsTotalizers(world, q),
    productivityTotalizers: (q) => productivityTotalizers(world, q),
    chats: (q) => chats(world, q),
    chatsPerAgent: (q) => chatsPerAgent(world, q),
    agentsStatus: (departmentId) => agentsStatus(world, departmentId),
    chatsPerDepartment: (q) => chatsPerDepartment(world, q),
    timings: (q) => timings(world, q),
  };
}
