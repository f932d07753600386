import { NEWEST_ERA, type ServerEra } from './serverEra';

const LOGGED_OUT = 'You must be logged in to do this.';

/** Exact Rocket.Chat error bodies of one era (docs/upstream/rocketchat.md §8 and §9). */
export function rocketChatErrors(era: ServerEra = NEWEST_ERA) {
  return {
    /** 401 when X-User-Id/X-Auth-Token are missing or wrong. */
    unauthorized: (): Record<string, unknown> =>
      era.unauthorizedBody === 'restivus'
        ? { status: 'error', message: LOGGED_OUT }
        : era.unauthorizedBody === 'breaking'
          ? { success: false, error: LOGGED_OUT }
          : { success: false, error: LOGGED_OUT, status: 'error', message: LOGGED_OUT },
    /** 403 when the user lacks the route's permission (checked by the framework). */
    forbidden: (): Record<string, unknown> => ({
      success: false,
      error:
        era.routeForbiddenBody === 'manual'
          ? 'unauthorized'
          : `User does not have the permissions required for this action [error-${era.routeForbiddenBody}]`,
    }),
    /** 403 from a handler's own permission check (API.v1.forbidden()). */
    handlerForbidden: (): Record<string, unknown> => ({ success: false, error: era.handlerForbiddenBody }),
    /** 400 from ajv validation; messages joined with "\n " (allErrors). */
    invalidParams: (messages: readonly string[]) => ({
      success: false,
      error: `${messages.join('\n ')} [invalid-params]`,
      errorType: 'invalid-params',
    }),
    /** 400 from the handler's Date.parse check (no errorType). */
    invalidDate: (param: 'start' | 'end') => ({
      success: false,
      error: `The "${param}" query parameter must be a valid date.`,
    }),
    /** 400 for a `sort` that is not JSON of ±1 values. */
    invalidSort: (sort: string) => ({
      success: false,
      error: `Invalid sort parameter provided: "${sort}" [error-invalid-sort]`,
      errorType: 'error-invalid-sort',
    }),
    /** 429 from the REST rate limiter. */
    tooManyRequests: (waitSeconds: number) => ({
      success: false,
      error: `Error, too many requests. Please slow down. You must wait ${waitSeconds} seconds before trying this endpoint again. [error-too-many-requests]`,
    }),
    /** 404 for routes the simulator does not implement (body shape is a guess). */
    notFound: () => ({ success: false, error: 'API endpoint does not exist' }),
  };
}

/** The error bodies of one era. */
export type RocketChatErrors = ReturnType<typeof rocketChatErrors>;
