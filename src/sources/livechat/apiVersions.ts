/** Reports API versions a `livechat` target can use, oldest first (v3.7 is a closed developer preview). */
export const API_VERSIONS = ['3.2', '3.3', '3.4', '3.5', '3.6'] as const;

/** One of API_VERSIONS. */
export type ApiVersion = (typeof API_VERSIONS)[number];

/** The current stable version (docs/upstream/livechat.md §2), used when a target sets no `api_version`. */
export const DEFAULT_API_VERSION: ApiVersion = '3.6';

/** v3.2 and v3.3 take GET with a flat query string; v3.4 moved to POST with a JSON body. */
export function isQueryStringVersion(v: ApiVersion): boolean {
  return v === '3.2' || v === '3.3';
}
