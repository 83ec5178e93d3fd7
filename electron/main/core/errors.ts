import type { ErrorCode, ErrorPayload } from '../../../shared/ipc/envelope';

/** An error a person can act on: `message` says what was wrong, `hint` says what to do. */
export class AttestError extends Error {
  override readonly name = 'AttestError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The envelope form of this error. */
  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** "where, line N" for error messages that name a line of a file. */
export function locate(where: string, line?: number): string {
  return line === undefined ? where : `${where}, line ${line}`;
}

/** Shorthand for the common case of bad user input. */
export function badInput(message: string, hint?: string, details?: Record<string, unknown>): AttestError {
  return new AttestError('bad-input', message, hint, details);
}

/** Turn anything thrown into an envelope payload without leaking stack traces to the user. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AttestError) return error.toPayload();
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `Internal error: ${message}`,
    hint: 'This is a bug in Attest. The workspace is unchanged; please report it with the workspace log (logs/attest.log).',
  };
}

/** CLI exit codes: 0 ok, 1 a check failed, 2 bad usage or bad input, 3 cannot be done here. */
export function exitCodeFor(code: ErrorCode): 1 | 2 | 3 {
  switch (code) {
    case 'check-failed':
    case 'internal':
    case 'cancelled':
      return 1;
    case 'unsupported':
      return 3;
    case 'bad-request':
    case 'bad-input':
    case 'not-found':
    case 'conflict':
    case 'integrity':
      return 2;
  }
}
