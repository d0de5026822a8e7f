/**
 * The contract between the sandbox (a simulated AWS estate, in process) and the client
 * factory, which plugs it in beneath the SDK's retry logic. See SPEC.md beside this file.
 */

/** Services the sandbox simulates; the same keys the client factory uses. */
export type SandboxService =
  | "ec2"
  | "s3"
  | "s3control"
  | "rds"
  | "lambda"
  | "sts"
  | "iam"
  | "organizations"
  | "elbv2"
  | "elb"
  | "cloudtrail"
  | "kms"
  | "ssm"
  | "cloudwatch"
  | "ce";

/** Who is calling: what the SDK's credentials resolve to in the estate. */
export interface SandboxIdentity {
  profile: string;
  accountId: string;
  /** e.g. arn:aws:sts::123456789012:assumed-role/PlatformEngineer/alice */
  arn: string;
  userId: string;
  /** Fake, clearly-not-real credentials the SDK signs with (never logged). */
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One API call as the sandbox sees it, after the SDK serialised it and before any HTTP. */
export interface SandboxCall {
  service: SandboxService;
  /** The AWS operation name, e.g. `DescribeInstances` (the SDK command name without `Command`). */
  action: string;
  /** The command input exactly as the caller gave it to the SDK. */
  input: Record<string, unknown>;
  region: string;
  identity: SandboxIdentity;
}

/**
 * An error the sandbox answers with. The factory turns it into the SDK's own
 * ServiceException subclass for the service, so retry and callers see what AWS would give.
 */
export class SandboxServiceError extends Error {
  readonly httpStatusCode: number;
  readonly fault: "client" | "server";

  constructor(name: string, message: string, httpStatusCode = 400) {
    super(message);
    this.name = name;
    this.httpStatusCode = httpStatusCode;
    this.fault = httpStatusCode >= 500 ? "server" : "client";
  }
}

export interface SandboxTransport {
  /** Resolve a profile name to its identity in the estate; throws a clear error for unknown profiles. */
  identityFor(profile: string): SandboxIdentity;
  /**
   * Resolve credentials the sandbox issued (sts:AssumeRole answers) to the identity they
   * stand for; throws a clear error for credentials it never issued.
   */
  identityForCredentials(accessKeyId: string): SandboxIdentity;
  /**
   * Answer one call: resolves to the operation's output in the SDK's own shape (without
   * `$metadata`), or rejects with SandboxServiceError (AWS error names: `Throttling`,
   * `RequestLimitExceeded`, `InvalidVolume.NotFound`, `AccessDenied`, …).
   */
  call(call: SandboxCall): Promise<Record<string, unknown>>;
}
