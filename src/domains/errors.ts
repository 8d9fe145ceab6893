// Errors the domain raises; the HTTP layer maps each to a status and one error body shape.
export class DomainError extends Error {
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}
export class ValidationError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('invalid', message, details);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}
export class AuthenticationError extends DomainError {
  constructor(message = 'sign-in required') {
    super('unauthenticated', message);
  }
}
/** Account security (tokens, second factor, password, sessions) is for a signed-in person, never an API token. */
export class SessionRequiredError extends DomainError {
  constructor() {
    super('session_required', 'needs a signed-in session, not an API token');
  }
}
export class TooManyAttemptsError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('locked', `too many failed attempts; try again in ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
