/**
 * Opening a session: everything a command needs before its workflow runs, in the order the
 * safety model asks for — configuration, the sandbox (if any), the profile's classification,
 * who the credentials are (STS), the resolved context, then the announcement on stderr.
 * Every AWS call made here goes through the one client factory, the gate and the audit log.
 */
import { AuditLog } from "../../aws/audit-log/writer.js";
import {
  createClientFactory,
  sdkDefaultRegion,
  type ClientFactory,
  type Transport,
} from "../../aws/clients.js";
import { getAccountAlias, getCallerIdentity } from "../../aws/collectors/identity.js";
import type { Config } from "../../core/config/schema.js";
import { renderAnnouncement, type OperationKind } from "../../core/context/announce.js";
import { resolveContext, resolveProfile, type ResolvedContext } from "../../core/context/resolve.js";
import type { GatePolicy } from "../../core/safety/gate.js";
import type { CliEnv, GlobalOptions } from "./cli-env.js";
import { createCliIoHost } from "./io-host.js";
import { openSandboxState, type SandboxState } from "./sandbox-state.js";
import { loadCliConfig, workspaceFor, type Workspace } from "./workspace.js";
import type { IoHost } from "../../core/io-host.js";

export interface SessionRequest {
  operation: OperationKind;
  /** What is about to happen, for the announcement. */
  summary: string;
  /** The regions the command will use (undefined: the profile's default region). */
  regions?: readonly string[] | undefined;
  /** Sensitive reads (`service:Action`) the workflow declares it needs; none by default. */
  declaredSensitiveReads?: readonly string[];
}

export interface Session {
  config: Config;
  workspace: Workspace;
  context: ResolvedContext;
  factory: ClientFactory;
  io: IoHost;
  account: string;
  defaultRegion: string;
  allowedRegions?: readonly string[];
  /** How many partitions may run at once (orchestration.maxParallelWorkers). */
  maxParallelWorkers: number;
  /** Print the announcement (stderr). Called before the workflow's first AWS call. */
  announce(): void;
  /** Close connections, persist the sandbox state if it changed. */
  close(): Promise<void>;
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
    ...(cli.ask !== undefined && { ask: cli.ask }),
  });

  const isSandbox = globals.sandbox !== undefined && globals.sandbox !== false;
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
  const probe = createClientFactory({
    profile: profileName,
    ...(sdkProfile !== undefined && { sdkProfile }),
    defaultRegion: identityRegion,
    transport,
    audit,
    who: { osUser, callerArn: undefined },
    policy: policyFor([]),
    env: cli.env,
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
      regions: request.regions,
      fallbackRegion: identityRegion,
    });
  } finally {
    probe.destroy();
  }

  const factory = createClientFactory({
    profile: profileName,
    ...(sdkProfile !== undefined && { sdkProfile }),
    defaultRegion: context.defaultRegion,
    transport,
    audit,
    account: context.account.id,
    who: { osUser, callerArn: context.callerArn },
    policy: {
      ...policyFor(request.declaredSensitiveReads ?? []),
      permissions: context.permissions,
      allowsDirectExecution: context.environment.directExecution,
    },
    env: cli.env,
  });

  return {
    config,
    workspace,
    context,
    factory,
    io,
    account: context.account.id,
    defaultRegion: context.defaultRegion,
    ...(context.profile.allowedRegions !== undefined && { allowedRegions: context.profile.allowedRegions }),
    maxParallelWorkers: config.orchestration.maxParallelWorkers,
    announce() {
      const lines = renderAnnouncement(context, { operation: request.operation, summary: request.summary });
      io.notify({
        code: "CW_CTX_I0001",
        level: "info",
        message: lines.join("\n"),
        data: announcementData(context),
      });
      for (const warning of context.warnings)
        io.notify({ code: warning.code, level: "warn", message: warning.message });
    },
    async close() {
      io.finish();
      factory.destroy();
      if (sandbox) await sandbox.persist();
    },
  };
}

function announcementData(context: ResolvedContext) {
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
