/**
 * Opening a session: everything a command needs before its workflow runs, in the order the
 * safety model asks for — configuration, the sandbox (if any), the profile's classification,
 * who the credentials are (STS), the resolved context, then the announcement on stderr.
 * Every AWS call made here goes through the one client factory, the gate and the audit log.
 */
import type { AssumedRole } from "../../aws/accounts/index.js";
import { AuditLog } from "../../aws/audit-log/writer.js";
import { RateLimiter } from "../../aws/middleware/rate-limit.js";
import {
  createClientFactory,
  sdkDefaultRegion,
  type ClientFactory,
  type Transport,
} from "../../aws/clients.js";
import { getAccountAlias, getCallerIdentity } from "../../aws/collectors/identity.js";
import type { Config, OrchestrationConfig } from "../../core/config/schema.js";
import { renderAnnouncement, type OperationKind } from "../../core/context/announce.js";
import { resolveContext, resolveProfile, type ResolvedContext } from "../../core/context/resolve.js";
import type { GatePolicy, StepAuthorization } from "../../core/safety/gate.js";
import { isSandboxMode, type CliEnv, type GlobalOptions } from "./cli-env.js";
import { createCliIoHost, type CliIoHost } from "./io-host.js";
import { openSandboxState, type SandboxState } from "./sandbox-state.js";
import { loadCliConfig, workspaceFor, type Workspace } from "./workspace.js";

export interface SessionRequest {
  operation: OperationKind;
  /** What is about to happen, for the announcement. */
  summary: string;
  /**
   * The regions the command will use (undefined: the profile's default region; `all`: every
   * region the account has enabled, within the profile's regions).
   */
  regions?: readonly string[] | "all" | undefined;
  /**
   * Sensitive reads (`service:Action`) the workflow declares it needs; none by default. A
   * function gets the caller's account, for declarations that depend on it (e.g. sts:AssumeRole
   * only when the work crosses into other accounts).
   */
  declaredSensitiveReads?: readonly string[] | ((callerAccount: string) => readonly string[]);
}

export interface Session {
  config: Config;
  workspace: Workspace;
  context: ResolvedContext;
  factory: ClientFactory;
  io: CliIoHost;
  /** The profile's name (as configured and audited). */
  profile: string;
  account: string;
  defaultRegion: string;
  allowedRegions?: readonly string[];
  /** How many partitions may run at once (orchestration.maxParallelWorkers). */
  maxParallelWorkers: number;
  orchestration: OrchestrationConfig;
  /**
   * A client factory over credentials assumed into another account: same transport, gate and
   * audit log, read-only whatever the profile allows (nothing is changed across accounts).
   */
  factoryFor(role: AssumedRole): ClientFactory;
  /**
   * A client factory whose gate admits the one call of an approved plan step (and reads): the
   * executor's, and only the executor's, way to mutate. The gate still checks the profile's
   * permissions, the environment and the authorisation against the call.
   */
  stepFactory(authorization: StepAuthorization): ClientFactory;
  /** Print the announcement (stderr). Called before the workflow's first AWS call. */
  announce(): void;
  /** The announcement's data (the CW_CTX_I0001 message's), which the MCP tools put in every result. */
  announcement: AnnouncementData;
  /** Close connections, persist the sandbox state if it changed. */
  close(): Promise<void>;
  /** In the sandbox: the moment the estate describes, which is "today" for its Cost Explorer. */
  estateCapturedAt?: Date;
  /**
   * "Now" for time windows (e.g. `changes --since 24h`): the real clock, or with --sandbox
   * the moment the estate describes (its `capturedAt`), which its CloudTrail history is relative to.
   */
  now(): Date;
}

export async function openSession(
  globals: GlobalOptions,
  request: SessionRequest,
  cli: CliEnv,
): Promise<Session> {
  const { config } = await loadCliConfig(globals, cli);
  const workspace = workspaceFor(config, globals, cli.cwd);
  const color = globals.color !== false && cli.env["NO_COLOR"] === undefined && cli.isTTY;
  const io = createCliIoHost({
    stderr: cli.stderr,
    isTTY: cli.isTTY,
    isCI: cli.env["CI"] !== undefined && cli.env["CI"] !== "" && cli.env["CI"] !== "false",
    color,
    debug: globals.debug === true,
    quiet: globals.quiet === true,
    ...(cli.ask !== undefined && { ask: cli.ask }),
  });

  const isSandbox = isSandboxMode(globals);
  const sandbox: SandboxState | undefined = isSandbox
    ? await openSandboxState(globals, workspace, io, cli.cwd)
    : undefined;
  const profileName =
    globals.profile ?? (isSandbox ? sandbox!.defaultProfile : (cli.env["AWS_PROFILE"] ?? "default"));
  const profile = resolveProfile(config, profileName);
  const transport: Transport = sandbox ? { kind: "sandbox", sandbox: sandbox.transport } : { kind: "aws" };
  // Only a profile the user named goes to the SDK; otherwise its default chain decides.
  const sdkProfile = isSandbox ? undefined : globals.profile;
  const fallbackRegion = sandbox ? undefined : await sdkDefaultRegion(sdkProfile);
  const identityRegion = profile.defaultRegion ?? fallbackRegion ?? "us-east-1";
  const audit = new AuditLog(workspace.auditLogFile);
  const osUser = cli.osUser ?? "unknown";

  // Who are the credentials? Read-only calls, gated and audited like every other.
  const policyFor = (declared: readonly string[]): GatePolicy => ({
    profile: profileName,
    permissions: profile.permissions,
    allowsDirectExecution: false,
    declaredSensitiveReads: declared,
  });
  // One client-side rate limiter per run, shared by every factory (accounts × regions).
  const rateLimiter = config.rateLimits.enabled ? new RateLimiter({ limits: config.rateLimits }) : undefined;
  const limited = rateLimiter === undefined ? {} : { rateLimiter };
  const probe = createClientFactory({
    profile: profileName,
    ...(sdkProfile !== undefined && { sdkProfile }),
    defaultRegion: identityRegion,
    transport,
    audit,
    who: { osUser, callerArn: undefined },
    policy: policyFor([]),
    env: cli.env,
    ...limited,
  });
  let context: ResolvedContext;
  try {
    const identity = await getCallerIdentity(probe, identityRegion);
    const alias = await getAccountAlias(probe, identity.accountId).catch((error: unknown) => {
      io.notify({
        code: "CW_CTX_W0005",
        level: "warn",
        message: `could not read the account alias (${error instanceof Error ? error.message : String(error)}); continuing without it`,
      });
      return undefined;
    });
    context = resolveContext({
      config,
      profileName,
      identity: { accountId: identity.accountId, arn: identity.arn, alias },
      regions: request.regions === "all" ? undefined : request.regions,
      fallbackRegion: identityRegion,
    });
  } finally {
    probe.destroy();
  }

  const sessionPolicy: GatePolicy = {
    ...policyFor(
      typeof request.declaredSensitiveReads === "function"
        ? request.declaredSensitiveReads(context.account.id)
        : (request.declaredSensitiveReads ?? []),
    ),
    permissions: context.permissions,
    allowsDirectExecution: context.environment.directExecution,
  };
  const factoryWith = (policy: GatePolicy): ClientFactory =>
    createClientFactory({
      profile: profileName,
      ...(sdkProfile !== undefined && { sdkProfile }),
      defaultRegion: context.defaultRegion,
      transport,
      audit,
      account: context.account.id,
      who: { osUser, callerArn: context.callerArn },
      policy,
      env: cli.env,
      ...limited,
    });
  const factory = factoryWith(sessionPolicy);

  const memberPolicy: GatePolicy = {
    ...policyFor([]),
    permissions: "read-only",
    allowsDirectExecution: false,
  };
  const factoryFor = (role: AssumedRole): ClientFactory =>
    createClientFactory({
      profile: profileName,
      defaultRegion: context.defaultRegion,
      transport: sandbox
        ? { kind: "sandbox", sandbox: sandbox.transport, credentials: role.credentials }
        : { kind: "aws", credentials: role.credentials },
      audit,
      account: role.account,
      who: { osUser, callerArn: role.callerArn },
      policy: memberPolicy,
      env: cli.env,
      ...limited,
    });

  const announcement: AnnouncementData = {
    ...announcementData(context),
    ...(request.regions === "all" && { regions: "all" as const }),
  };
  return {
    config,
    workspace,
    context,
    factory,
    io,
    profile: profileName,
    account: context.account.id,
    defaultRegion: context.defaultRegion,
    ...(context.profile.allowedRegions !== undefined && { allowedRegions: context.profile.allowedRegions }),
    maxParallelWorkers: config.orchestration.maxParallelWorkers,
    orchestration: config.orchestration,
    factoryFor,
    stepFactory: (authorization) => factoryWith({ ...sessionPolicy, authorization }),
    ...(sandbox !== undefined && { estateCapturedAt: new Date(sandbox.transport.estate.capturedAt) }),
    announce() {
      // `--regions all` is resolved per account later: say so instead of the default region.
      const shown: ResolvedContext =
        request.regions === "all"
          ? {
              ...context,
              regions:
                context.profile.allowedRegions === undefined
                  ? ["all that each account has enabled", "opt-in regions where opted in"]
                  : [
                      `all enabled in each account among ${context.profile.allowedRegions[0] ?? ""}`,
                      ...context.profile.allowedRegions.slice(1),
                    ],
            }
          : context;
      const lines = renderAnnouncement(shown, { operation: request.operation, summary: request.summary });
      io.notify({ code: "CW_CTX_I0001", level: "info", message: lines.join("\n"), data: announcement });
      for (const warning of context.warnings)
        io.notify({ code: warning.code, level: "warn", message: warning.message });
    },
    announcement,
    async close() {
      io.finish();
      factory.destroy();
      if (sandbox) await sandbox.persist();
    },
    now: () => (sandbox ? new Date(sandbox.transport.estate.capturedAt) : new Date()),
  };
}

/** What the announcement says, as data (CW_CTX_I0001). */
export interface AnnouncementData {
  profile: string;
  account: string;
  alias?: string | undefined;
  /** The regions, or `all` (each account's enabled regions, resolved later). */
  regions: readonly string[] | "all";
  classification: ResolvedContext["classification"];
  permissions: ResolvedContext["permissions"];
  approvalMode: ResolvedContext["approvalMode"];
}

function announcementData(context: ResolvedContext): AnnouncementData {
  return {
    profile: context.profile.name,
    account: context.account.id,
    alias: context.account.alias,
    regions: context.regions,
    classification: context.classification,
    permissions: context.permissions,
    approvalMode: context.approvalMode,
  };
}
