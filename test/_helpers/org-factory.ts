/**
 * The demo organisation in the sandbox, as a cross-account inventory sees it: the profile's
 * factory (declaring sts:AssumeRole by default) and `factoryFor`, which builds a read-only
 * factory over credentials the sandbox issued to sts:AssumeRole — what the CLI session does.
 */
import type { AssumedRole } from "../../src/aws/accounts/index.js";
import { MemoryAuditSink } from "../../src/aws/audit-log/writer.js";
import { createClientFactory, type ClientFactory } from "../../src/aws/clients.js";
import type { RateLimiter } from "../../src/aws/middleware/rate-limit.js";
import { buildDemoEstate, DEMO_ACCOUNTS } from "../../src/aws/sandbox/demo.js";
import { createSandbox, type Sandbox } from "../../src/aws/sandbox/transport.js";
import type { SandboxFactoryOptions } from "./sandbox-factory.js";

export const MGMT_ACCOUNT = DEMO_ACCOUNTS.management;
export const MGMT_PROFILE = "demo-mgmt";
/** demo-mgmt's regions in config/demo.yaml. */
export const MGMT_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];

export interface OrgFactories {
  sandbox: Sandbox;
  factory: ClientFactory;
  factoryFor: (role: AssumedRole) => ClientFactory;
  audit: MemoryAuditSink;
}

export function makeOrgFactories(
  options: SandboxFactoryOptions & { declaredSensitiveReads?: string[]; rateLimiter?: RateLimiter } = {},
): OrgFactories {
  const {
    estate,
    profile = MGMT_PROFILE,
    defaultRegion = "us-east-1",
    wrap,
    declaredSensitiveReads = ["sts:AssumeRole"],
    rateLimiter,
    ...sandboxOptions
  } = options;
  const sandbox = createSandbox(estate ?? buildDemoEstate(), {
    sleep: async () => undefined,
    ...sandboxOptions,
  });
  const transport = wrap === undefined ? sandbox : wrap(sandbox);
  const audit = new MemoryAuditSink();
  const policy = (declared: string[]) => ({
    profile,
    permissions: "read-only" as const,
    allowsDirectExecution: false,
    declaredSensitiveReads: declared,
  });
  const factory = createClientFactory({
    profile,
    defaultRegion,
    transport: { kind: "sandbox", sandbox: transport },
    audit,
    who: { osUser: "test", callerArn: undefined },
    policy: policy(declaredSensitiveReads),
    ...(rateLimiter !== undefined && { rateLimiter }),
  });
  const factoryFor = (role: AssumedRole) =>
    createClientFactory({
      profile,
      defaultRegion,
      transport: { kind: "sandbox", sandbox: transport, credentials: role.credentials },
      audit,
      account: role.account,
      who: { osUser: "test", callerArn: role.callerArn },
      policy: policy([]),
      ...(rateLimiter !== undefined && { rateLimiter }),
    });
  return { sandbox, factory, factoryFor, audit };
}
