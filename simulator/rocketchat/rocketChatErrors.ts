/** Exact Rocket.Chat error bodies (newest builds, docs/upstream/rocketchat.md §8 and §9). */
export const rocketChatErrors = {
  /** 401 when X-User-Id/X-Auth-Token are missing or wrong (newest form keeps the Restivus fields too). */
  unauthorized: () => ({
    success: false,
    error: 'You must be logged in to do this.',
    status: 'error',
    message: 'You must be logged in to do this.',
  }),
  /** 403 when the user lacks the route's permission. */
  forbidden: () => ({
    success: false,
    error: 'User does not have the permissions required for this action [error-unauthorized]',
  }),
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
  /** 429 from the REST rate limiter. */
  tooManyRequests: (waitSeconds: number) => ({
    success: false,
    error: `Error, too many requests. Please slow down. You must wait ${waitSeconds} seconds before trying this endpoint again. [error-too-many-requests]`,
  }),
  /** 404 for routes the simulator does not implement (body shape is a guess). */
  notFound: () => ({ success: false, error: 'API endpoint does not exist' }),
};
