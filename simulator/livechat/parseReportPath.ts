import { LIVECHAT_VERSIONS, type LifecycleHeader, type LiveChatVersion } from './LiveChatVersion';

const PATH = /^\/v(\d+\.\d+)\/reports\/([a-z_]+)\/([a-z_]+)\/?$/;

/** A request path, split. */
export interface ReportPath {
  /** `<resource>/<action>` when the path has the shape of a report; not necessarily a method that exists. */
  method: string | undefined;
  /** Set only for a version this simulator serves. */
  version: LiveChatVersion | undefined;
  /** The version's lifecycle header, which every answer carries, errors and faults included. */
  headers: Record<string, string>;
}

/** Splits `/v<version>/reports/<resource>/<action>`. */
export function parseReportPath(path: string, lifecycle: Record<LiveChatVersion, LifecycleHeader | null>): ReportPath {
  const m = PATH.exec(path);
  const raw = m?.[1];
  const version =
    raw !== undefined && (LIVECHAT_VERSIONS as readonly string[]).includes(raw) ? (raw as LiveChatVersion) : undefined;
  const life = version !== undefined ? lifecycle[version] : null;
  return { method: m ? `${m[2]}/${m[3]}` : undefined, version, headers: life ? { [life.header]: life.date } : {} };
}
