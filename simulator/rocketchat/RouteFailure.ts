/** Thrown by a route's handler for an answer other than 200 (its own 400s and 403s), in Rocket.Chat's body. */
export class RouteFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`HTTP ${status}`);
    this.name = 'RouteFailure';
  }
}
