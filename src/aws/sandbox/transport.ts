/**
 * The sandbox: a stateful simulated AWS estate answering SDK calls in-process.
 * The client factory plugs `call()` in beneath the SDK's retry middleware (see types.ts).
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { UsageError } from "../../core/errors.js";
import type { Estate, EstateAccount, EstateProfile } from "./estate.js";
import {
  accessDeniedError,
  awsError,
  expiredCredentialsError,
  internalError,
  SandboxTimeoutError,
  throttlingError,
  unavailableError,
  unknownActionError,
  unrecognizedCredentialsError,
} from "./errors.js";
import { FaultEngine, type FaultKind, type SandboxFaults } from "./faults.js";
import { IdFactory } from "./ids.js";
import { createRng, hashString } from "./prng.js";
import { isRegionEnabled } from "./regions.js";
import { shareRepeatedStrings } from "./shared-strings.js";
import type { ServiceHandlers, SessionIssuer } from "./services/context.js";
import { CE_HANDLERS } from "./services/ce.js";
import { CLOUDTRAIL_HANDLERS } from "./services/cloudtrail.js";
import { CLOUDWATCH_HANDLERS } from "./services/cloudwatch.js";
import { EC2_HANDLERS } from "./services/ec2.js";
import { ELB_HANDLERS } from "./services/elb.js";
import { ELBV2_HANDLERS } from "./services/elbv2.js";
import { IAM_HANDLERS } from "./services/iam.js";
import { IAM_AUDIT_HANDLERS } from "./services/iam-audit.js";
import { KMS_HANDLERS } from "./services/kms.js";
import { LAMBDA_HANDLERS } from "./services/lambda.js";
import { ORGANIZATIONS_HANDLERS } from "./services/organizations.js";
import { RDS_HANDLERS } from "./services/rds.js";
import { S3_HANDLERS } from "./services/s3.js";
import { S3_WRITE_HANDLERS } from "./services/s3-write.js";
import { S3CONTROL_HANDLERS } from "./services/s3control.js";
import { SSM_HANDLERS } from "./services/ssm.js";
import { STS_HANDLERS } from "./services/sts.js";
import type {
  SandboxCall,
  SandboxIdentity,
  SandboxService,
  SandboxServiceError,
  SandboxTransport,
} from "./types.js";

/** Items per page when the caller gives no MaxResults/MaxItems/MaxRecords/MaxBuckets. */
export const DEFAULT_PAGE_SIZE = 5;

const HANDLERS: Readonly<Record<SandboxService, ServiceHandlers>> = {
  ec2: EC2_HANDLERS,
  s3: { ...S3_HANDLERS, ...S3_WRITE_HANDLERS },
  s3control: S3CONTROL_HANDLERS,
  rds: RDS_HANDLERS,
  lambda: LAMBDA_HANDLERS,
  sts: STS_HANDLERS,
  iam: { ...IAM_HANDLERS, ...IAM_AUDIT_HANDLERS },
  organizations: ORGANIZATIONS_HANDLERS,
  elbv2: ELBV2_HANDLERS,
  elb: ELB_HANDLERS,
  cloudtrail: CLOUDTRAIL_HANDLERS,
  kms: KMS_HANDLERS,
  ssm: SSM_HANDLERS,
  cloudwatch: CLOUDWATCH_HANDLERS,
  ce: CE_HANDLERS,
};

/** Services whose endpoint is global: the client's region does not matter to them. */
const GLOBAL_SERVICES: ReadonlySet<SandboxService> = new Set(["iam", "organizations", "ce"]);

/** Every operation the sandbox simulates, by service. */
export const SIMULATED_OPERATIONS: Readonly<Record<SandboxService, readonly string[]>> = {
  ec2: Object.keys(EC2_HANDLERS).sort(),
  s3: Object.keys({ ...S3_HANDLERS, ...S3_WRITE_HANDLERS }).sort(),
  s3control: Object.keys(S3CONTROL_HANDLERS).sort(),
  rds: Object.keys(RDS_HANDLERS).sort(),
  lambda: Object.keys(LAMBDA_HANDLERS).sort(),
  sts: Object.keys(STS_HANDLERS).sort(),
  iam: Object.keys({ ...IAM_HANDLERS, ...IAM_AUDIT_HANDLERS }).sort(),
  organizations: Object.keys(ORGANIZATIONS_HANDLERS).sort(),
  elbv2: Object.keys(ELBV2_HANDLERS).sort(),
  elb: Object.keys(ELB_HANDLERS).sort(),
  cloudtrail: Object.keys(CLOUDTRAIL_HANDLERS).sort(),
  kms: Object.keys(KMS_HANDLERS).sort(),
  ssm: Object.keys(SSM_HANDLERS).sort(),
  cloudwatch: Object.keys(CLOUDWATCH_HANDLERS).sort(),
  ce: Object.keys(CE_HANDLERS).sort(),
};

export interface SandboxOptions {
  faults?: SandboxFaults;
  /** Page size when a caller asks for none (default 5, so pagination is always exercised). */
  pageSize?: number;
  /** Milliseconds since the epoch; defaults to Date.now. Drives rate limits and write timestamps. */
  clock?: () => number;
  /** Waits for latency faults; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** One call that reached the sandbox. */
export interface SandboxCallRecord {
  service: SandboxService;
  action: string;
  region: string;
  account: string;
  profile: string;
  /** The AWS error name the call failed with (or `TimeoutError`); absent when it succeeded. */
  error?: string;
}

export interface Sandbox extends SandboxTransport {
  /** The live estate, with every write applied (save it with saveEstate/saveEstateFile). */
  readonly estate: Estate;
  /** Every call that reached the sandbox, in order. Empty means nothing got past the gate. */
  readonly calls: readonly SandboxCallRecord[];
  /** Back to a fresh state: the given estate (or the original), no calls, the original faults. */
  reset(estate?: Estate): void;
  /** Replace the fault configuration (and its counters and buckets). `{}` clears it. */
  configureFaults(faults: SandboxFaults): void;
}

/**
 * Ids for new resources, from a seed that is a hash of the estate's JSON, so a sandbox reloaded
 * from a saved estate with new resources in it draws a different sequence than before.
 */
function newIdFactory(seed: number): IdFactory {
  return new IdFactory(createRng(seed));
}

/**
 * The estate `reset()` returns to: its JSON, deflated (about a tenth of the text, which a
 * generated estate of 20,000 resources would otherwise keep as 15 MB for a reset that most
 * runs never ask for), and the id seed that JSON gives.
 */
interface Pristine {
  deflated: Buffer;
  seed: number;
}

function pristineOf(json: string): Pristine {
  return { deflated: deflateRawSync(json, { level: 1 }), seed: hashString(json) };
}

/** The live estate from its JSON: a copy no caller holds, each repeated string kept once. */
function estateFrom(json: string): Estate {
  return shareRepeatedStrings(JSON.parse(json) as Estate);
}

function fakeKey(prefix: "ASIA" | "AKIA", seed: string): string {
  return `${prefix}SANDBOX${hashString(seed).toString(36).toUpperCase().padStart(9, "0").slice(0, 9)}`;
}

function identityOf(account: EstateAccount, profile: EstateProfile): SandboxIdentity {
  if (profile.roleName !== undefined) {
    const session = profile.sessionName ?? "sandbox-user";
    const roleId =
      account.iam.roles.find((r) => r.roleName === profile.roleName)?.roleId ??
      `AROA${hashString(`${account.id}:${profile.roleName}`).toString(36).toUpperCase().padStart(16, "X")}`;
    return {
      profile: profile.name,
      accountId: account.id,
      arn: `arn:aws:sts::${account.id}:assumed-role/${profile.roleName}/${session}`,
      userId: `${roleId}:${session}`,
      accessKeyId: fakeKey("ASIA", `${account.id}:${profile.name}`),
      secretAccessKey: "sandbox-secret-access-key-not-real",
      sessionToken: "sandbox-session-token-not-real",
    };
  }
  const userName = profile.userName ?? profile.name;
  const user = account.iam.users.find((u) => u.userName === userName);
  return {
    profile: profile.name,
    accountId: account.id,
    arn: `arn:aws:iam::${account.id}:user${user?.path ?? "/"}${userName}`,
    userId:
      user?.userId ??
      `AIDA${hashString(`${account.id}:${userName}`).toString(36).toUpperCase().padStart(16, "X")}`,
    accessKeyId: fakeKey("AKIA", `${account.id}:${profile.name}`),
    secretAccessKey: "sandbox-secret-access-key-not-real",
  };
}

function faultError(kind: Exclude<FaultKind, "timeout">, call: SandboxCall): SandboxServiceError {
  switch (kind) {
    case "throttle":
      return throttlingError(call.service);
    case "server-error":
      return internalError(call.service);
    case "unavailable":
      return unavailableError(call.service);
    case "access-denied":
      return accessDeniedError(call.service, call.action, call.identity);
    case "expired-credentials":
      return expiredCredentialsError(call.service);
    case "region-disabled":
      return unrecognizedCredentialsError(call.service);
  }
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createSandbox(initial: Estate, options: SandboxOptions = {}): Sandbox {
  const clock = options.clock ?? (() => Date.now());
  const sleep = options.sleep ?? realSleep;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  // A copy, so the caller's object is never changed; its JSON, deflated, for reset().
  const json = JSON.stringify(initial);
  const original = pristineOf(json);
  let estate = estateFrom(json);
  let ids = newIdFactory(original.seed);
  let faults = new FaultEngine(options.faults ?? {}, clock);
  let calls: SandboxCallRecord[] = [];
  // Credentials issued by sts:AssumeRole, by access key id. Kept here, never in the estate.
  let sessions = new Map<string, { identity: SandboxIdentity; expiresAt: number }>();
  const issuer: SessionIssuer = {
    issue(principal, expiresAt) {
      const accessKeyId = ids.iam("ASIA");
      const identity: SandboxIdentity = {
        ...principal,
        accessKeyId,
        secretAccessKey: "sandbox-secret-access-key-not-real",
        sessionToken: `sandbox-session-token-${accessKeyId.slice(4)}-not-real`,
      };
      sessions.set(accessKeyId, { identity, expiresAt: expiresAt.getTime() });
      return identity;
    },
  };

  async function call(request: SandboxCall): Promise<Record<string, unknown>> {
    const { service, action, region, identity } = request;
    const record: SandboxCallRecord = {
      service,
      action,
      region,
      account: identity.accountId,
      profile: identity.profile,
    };
    calls.push(record);
    try {
      const decision = faults.decide({
        service,
        action,
        account: identity.accountId,
        region,
        profile: identity.profile,
        input: request.input,
      });
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      const session = sessions.get(identity.accessKeyId);
      if (session !== undefined && clock() >= session.expiresAt) throw expiredCredentialsError(service);
      const account = estate.accounts.find((a) => a.id === identity.accountId);
      if (account === undefined) throw unrecognizedCredentialsError(service);
      if (!GLOBAL_SERVICES.has(service) && !isRegionEnabled(account.enabledRegions, region)) {
        throw unrecognizedCredentialsError(service);
      }
      if (decision.fail === "timeout") {
        throw new SandboxTimeoutError(
          `${service}:${action} timed out after ${decision.latencyMs} ms (sandbox fault)`,
        );
      }
      if (decision.fail !== undefined) throw faultError(decision.fail, request);
      if (!Object.hasOwn(HANDLERS, service)) {
        throw awsError("InvalidAction", `The sandbox does not simulate the service "${service}".`);
      }
      const handler = HANDLERS[service][action];
      if (handler === undefined) throw unknownActionError(service, action);
      return handler(
        {
          estate,
          account,
          region,
          identity,
          action,
          pageSize,
          now: () => new Date(clock()),
          ids,
          sessions: issuer,
        },
        request.input,
      );
    } catch (error) {
      record.error = error instanceof Error ? error.name : "Error";
      throw error;
    }
  }

  function identityFor(profile: string): SandboxIdentity {
    for (const account of estate.accounts) {
      const match = account.profiles.find((p) => p.name === profile);
      if (match !== undefined) return identityOf(account, match);
    }
    const known = estate.accounts.flatMap((a) => a.profiles.map((p) => p.name));
    throw new UsageError(
      `profile "${profile}" is not in the sandbox estate; use one of: ${known.join(", ")}`,
      {
        code: "SandboxProfileNotFound",
        hint: "pass --profile with one of the estate's profiles, or add the profile to the estate",
      },
    );
  }

  function identityForCredentials(accessKeyId: string): SandboxIdentity {
    const issued = sessions.get(accessKeyId);
    if (issued !== undefined) return issued.identity;
    for (const account of estate.accounts) {
      for (const profile of account.profiles) {
        const identity = identityOf(account, profile);
        if (identity.accessKeyId === accessKeyId) return identity;
      }
    }
    throw new UsageError(
      `the sandbox never issued the access key "${accessKeyId}"; sandbox credentials come from a profile of the estate or from sts:AssumeRole in this same sandbox`,
      {
        code: "SandboxCredentialsNotFound",
        hint: "assume the role again in this sandbox (issued credentials do not survive reset), or pass --profile",
      },
    );
  }

  return {
    get estate() {
      return estate;
    },
    get calls() {
      return calls;
    },
    identityFor,
    identityForCredentials,
    call,
    reset(next?: Estate) {
      if (next === undefined) {
        estate = estateFrom(inflateRawSync(original.deflated).toString("utf8"));
        ids = newIdFactory(original.seed);
      } else {
        const json = JSON.stringify(next);
        estate = estateFrom(json);
        ids = newIdFactory(hashString(json));
      }
      faults = new FaultEngine(options.faults ?? {}, clock);
      calls = [];
      sessions = new Map();
    },
    configureFaults(next: SandboxFaults) {
      faults = new FaultEngine(next, clock);
    },
  };
}
