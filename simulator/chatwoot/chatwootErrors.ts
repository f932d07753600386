/** Chatwoot's error bodies (docs/upstream/chatwoot.md §3.2), by the step that sends them. */
export const chatwootErrors = {
  notFound: { status: 404, error: 'Not Found' },
  invalidToken: { error: 'Invalid Access Token' },
  signIn: { errors: ['You need to sign in or sign up before continuing.'] },
  bots: { error: 'Access to this endpoint is not authorized for bots' },
  noResource: { error: 'Resource could not be found' },
  notMember: { error: 'You are not authorized to access this account' },
  policy: { error: 'You are not authorized to do this action' },
  invalidGroupBy: { error: 'invalid group_by' },
  internal: { status: 500, error: 'Internal Server Error' },
} as const;

/** The 429 body: plain text, no Retry-After. */
export const RETRY_LATER = 'Retry later\n';
