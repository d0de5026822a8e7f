/**
 * The CoworkerError family. Subclasses are grouped by how the caller should react;
 * the CLI maps each to an exit code (see EXIT_CODES). Messages name the wrong value
 * and the fix; they never contain secrets.
 */
export interface CoworkerErrorOptions {
  /** What the user can do about it. */
  hint?: string;
  cause?: unknown;
}

export class CoworkerError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: CoworkerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }
}

/** Bad input on the command line or in a call. Exit 2. */
export class UsageError extends CoworkerError {
  constructor(message: string, options: CoworkerErrorOptions & { code?: string } = {}) {
    super(options.code ?? "UsageError", message, options);
  }
}

/** A configuration file is missing, unreadable or invalid. Exit 2. */
export class ConfigError extends CoworkerError {
  readonly file: string | undefined;
  readonly keyPath: string | undefined;

  constructor(
    message: string,
    options: CoworkerErrorOptions & { file?: string; keyPath?: string; code?: string } = {},
  ) {
    super(options.code ?? "ConfigInvalid", message, options);
    this.file = options.file;
    this.keyPath = options.keyPath;
  }
}

/** The safety model said no. Exit 3. */
export class RefusedError extends CoworkerError {
  readonly action: string;

  constructor(code: string, action: string, message: string, options: CoworkerErrorOptions = {}) {
    super(code, message, options);
    this.action = action;
  }
}

/** The user declined a confirmation. Printed softly. Exit 3. */
export class AbortError extends CoworkerError {
  constructor(message = "Aborted: nothing was changed.", options: CoworkerErrorOptions = {}) {
    super("Aborted", message, options);
  }
}

/** An AWS call failed (after the SDK's retries). Exit 4. */
export class AwsCallError extends CoworkerError {
  readonly service: string;
  readonly action: string;
  readonly account: string | undefined;
  readonly region: string | undefined;
  /** The AWS error name exactly as AWS spells it, e.g. `InvalidVolume.NotFound`. */
  readonly awsName: string;

  constructor(
    fields: { service: string; action: string; account?: string; region?: string; awsName: string },
    message: string,
    options: CoworkerErrorOptions = {},
  ) {
    super("AwsCallFailed", message, options);
    this.service = fields.service;
    this.action = fields.action;
    this.account = fields.account;
    this.region = fields.region;
    this.awsName = fields.awsName;
  }
}

/** A call to the model's API (Claude, for `ask --llm`) failed: refused key, rate limit, outage, no connection. Exit 4. */
export class ModelCallError extends CoworkerError {
  /** The HTTP status, when the API answered. */
  readonly status: number | undefined;

  constructor(message: string, options: CoworkerErrorOptions & { status?: number } = {}) {
    super("ModelCallFailed", message, options);
    this.status = options.status;
  }
}

export const EXIT_CODES = {
  ok: 0,
  findings: 1,
  usage: 2,
  refused: 3,
  aws: 4,
} as const;

/** The exit code the CLI uses for an error. Unknown errors are bugs: 70 (EX_SOFTWARE). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError) return EXIT_CODES.usage;
  if (error instanceof RefusedError || error instanceof AbortError) return EXIT_CODES.refused;
  if (error instanceof AwsCallError || error instanceof ModelCallError) return EXIT_CODES.aws;
  return 70;
}
