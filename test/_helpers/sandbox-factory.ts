/**
 * The real client factory (gate, audit, SDK retry) over an in-process sandbox: what workflow
 * and collector tests run against.
 */
import { MemoryAuditSink } from "../../src/aws/audit-log/writer.js";
import { createClientFactory, type ClientFactory } from "../../src/aws/clients.js";
import { buildDemoEstate, DEMO_ACCOUNTS } from "../../src/aws/sandbox/demo.js";
import type { Estate } from "../../src/aws/sandbox/estate.js";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../src/aws/sandbox/transport.js";
import type { SandboxTransport } from "../../src/aws/sandbox/types.js";

export const DEV_ACCOUNT = DEMO_ACCOUNTS.development;
export const DEV_PROFILE = "demo-dev";

export interface SandboxFactoryOptions extends SandboxOptions {
  estate?: Estate;
  profile?: string;
  defaultRegion?: string;
  /** Wrap the sandbox's transport (e.g. to alter an answer), keeping the sandbox itself for assertions. */
  wrap?: (transport: SandboxTransport) => SandboxTransport;
}

export interface SandboxFactory {
  sandbox: Sandbox;
  factory: ClientFactory;
  audit: MemoryAuditSink;
}

/** A fresh demo-estate sandbox (or the given estate) and a client factory on top of it. */
export function makeSandboxFactory(options: SandboxFactoryOptions = {}): SandboxFactory {
  const { estate, profile = DEV_PROFILE, defaultRegion = "us-east-1", wrap, ...sandboxOptions } = options;
  const sandbox = createSandbox(estate ?? buildDemoEstate(), {
    sleep: async () => undefined,
    ...sandboxOptions,
  });
  const audit = new MemoryAuditSink();
  const factory = createClientFactory({
    profile,
    defaultRegion,
    transport: { kind: "sandbox", sandbox: wrap === undefined ? sandbox : wrap(sandbox) },
    audit,
    who: { osUser: "test", callerArn: undefined },
    policy: { profile, permissions: "read-only", allowsDirectExecution: false, declaredSensitiveReads: [] },
  });
  return { sandbox, factory, audit };
}
