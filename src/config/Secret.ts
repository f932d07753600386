import { inspect } from 'node:util';

/**
 * A credential read from an env var or a file. It never renders itself: string
 * conversion, JSON and util.inspect all print a placeholder, so a secret that
 * slips into a log line or an error message stays hidden.
 */
export class Secret {
  readonly #value: string;

  constructor(
    value: string,
    readonly origin: string,
  ) {
    this.#value = value;
  }

  /** The secret itself; call only where it is sent upstream. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '<secret>';
  }

  toJSON(): string {
    return `<secret from ${this.origin}>`;
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}
