import type { World } from '../../world/createWorld';
import type { ReportMethod } from '../LiveChatVersion';
import type { ReportRequest } from '../parseReportRequest';
import { agentReports } from './agentReports';
import { chatCountReports } from './chatCountReports';
import { chatTimeReports } from './chatTimeReports';
import { greetingsConversionReport } from './greetingsConversionReport';
import { ratingReports } from './ratingReports';
import type { ReportBody } from './reportFields';
import { createReportScope, type Report } from './ReportScope';
import { visitorReports } from './visitorReports';

/** Computes LiveChat report bodies from the world at the current clock time. */
export interface Reports {
  run(req: ReportRequest): ReportBody;
}

/** Every report method the simulator serves; a method missing here does not compile. */
const REPORTS = {
  ...chatCountReports,
  ...chatTimeReports,
  ...ratingReports,
  ...visitorReports,
  ...agentReports,
  'chats/greetings_conversion': greetingsConversionReport,
} satisfies Record<ReportMethod, Report>;

/** Creates the report computations over `world`. */
export function createReports(deps: { world: World }): Reports {
  const { world } = deps;
  return { run: (req) => REPORTS[req.method](createReportScope({ world, req })) };
}
