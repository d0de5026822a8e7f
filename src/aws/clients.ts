/**
 * THE client factory: the only place that constructs AWS SDK clients. Every client it makes
 * carries the gate and the audit middleware, and uses the SDK's adaptive retry; in sandbox
 * mode the simulated estate is plugged in beneath retry and signing instead of HTTP.
 *
 * Real mode honours the SDK's standard configuration: the profile's credentials chain
 * (~/.aws/config and credentials, SSO, environment, assume-role), AWS_ENDPOINT_URL and
 * per-service endpoint settings (AWS_ENDPOINT_URL_EC2, `services` sections in ~/.aws/config),
 * so the tool also runs against LocalStack or moto.
 */
import type * as ce from "@aws-sdk/client-cost-explorer";
import type * as cloudtrail from "@aws-sdk/client-cloudtrail";
import type * as cloudwatch from "@aws-sdk/client-cloudwatch";
import type * as ec2 from "@aws-sdk/client-ec2";
import type * as elb from "@aws-sdk/client-elastic-load-balancing";
import type * as elbv2 from "@aws-sdk/client-elastic-load-balancing-v2";
import type * as iam from "@aws-sdk/client-iam";
import type * as kms from "@aws-sdk/client-kms";
import type * as lambda from "@aws-sdk/client-lambda";
import type * as organizations from "@aws-sdk/client-organizations";
import type * as rds from "@aws-sdk/client-rds";
import type * as s3 from "@aws-sdk/client-s3";
import type * as s3control from "@aws-sdk/client-s3-control";
import type * as ssm from "@aws-sdk/client-ssm";
import type * as sts from "@aws-sdk/client-sts";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpRequest,
  HttpResponse,
  RequestHandler,
} from "@smithy/types";

type HttpHandler = RequestHandler<HttpRequest, HttpResponse>;
import { UsageError } from "../core/errors.js";
import type { GatePolicy } from "../core/safety/gate.js";
import type { AuditEntry } from "./audit-log/record.js";
import type { AuditSink } from "./audit-log/writer.js";
import { guardMiddleware, guardMiddlewareOptions } from "./middleware/guard.js";
import {
  rateLimitMiddleware,
  rateLimitMiddlewareOptions,
  type RateLimiter,
} from "./middleware/rate-limit.js";
import { sandboxMiddleware, sandboxMiddlewareOptions, type ServiceExceptions } from "./middleware/sandbox.js";
import type { SandboxIdentity, SandboxService, SandboxTransport } from "./sandbox/types.js";

export type ServiceKey = SandboxService;

export type Transport =
  | {
      kind: "aws";
      /** An explicit endpoint for every service (otherwise the SDK's own endpoint settings apply). */
      endpointUrl?: string;
      /** Credentials to use instead of the profile's chain (tests, or a caller that assumed a role). */
      credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
      /** Overrides the SDK's HTTP handler (loopback tests). */
      requestHandler?: HttpHandler;
    }
  | {
      kind: "sandbox";
      sandbox: SandboxTransport;
      /** Credentials the sandbox issued (e.g. by sts:AssumeRole into another account); default: the profile's. */
      credentials?: AwsCredentialIdentity;
    };

export interface ClientFactoryOptions {
  /** The profile's name, as announced and audited (the sandbox profile in sandbox mode). */
  profile: string;
  /**
   * The profile to hand the SDK, only when the user chose one (--profile). When undefined the
   * SDK's own default chain applies: environment credentials, AWS_PROFILE, then `default`.
   */
  sdkProfile?: string;
  /** Region for global services and the default when a caller names none. */
  defaultRegion: string;
  transport: Transport;
  audit: AuditSink;
  /** The account and principal, once known (after GetCallerIdentity); recorded in the audit log. */
  account?: string;
  who: AuditEntry["who"];
  policy: GatePolicy;
  /** Environment variables (for endpoint settings); defaults to none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Total attempts per call, first included (SDK adaptive retry). Default 5. */
  maxAttempts?: number;
  /**
   * Client-side rate limiting, shared by every factory of a run (buckets per account, region
   * and API); every attempt takes a token. Absent: no client-side limiting.
   */
  rateLimiter?: RateLimiter;
  now?: () => Date;
}

/**
 * Each method resolves to the service's client for a region (made once per service and region,
 * then shared). A service's SDK package is loaded on its first use, so a command pays only for
 * the services it calls.
 */
export interface ClientFactory {
  readonly profile: string;
  readonly defaultRegion: string;
  readonly transportKind: Transport["kind"];
  ec2(region?: string): Promise<ec2.EC2Client>;
  s3(region?: string): Promise<s3.S3Client>;
  /** S3 Control (account-level S3 settings such as the account's public access block). */
  s3control(region?: string): Promise<s3control.S3ControlClient>;
  rds(region?: string): Promise<rds.RDSClient>;
  lambda(region?: string): Promise<lambda.LambdaClient>;
  sts(region?: string): Promise<sts.STSClient>;
  iam(): Promise<iam.IAMClient>;
  organizations(): Promise<organizations.OrganizationsClient>;
  elbv2(region?: string): Promise<elbv2.ElasticLoadBalancingV2Client>;
  elb(region?: string): Promise<elb.ElasticLoadBalancingClient>;
  cloudtrail(region?: string): Promise<cloudtrail.CloudTrailClient>;
  kms(region?: string): Promise<kms.KMSClient>;
  /** Systems Manager (Parameter Store reads: the public parameters naming the latest AMIs). */
  ssm(region?: string): Promise<ssm.SSMClient>;
  cloudwatch(region?: string): Promise<cloudwatch.CloudWatchClient>;
  /**
   * Send one operation by name (`CreateVpc`) through the service's gated, audited client: how
   * the executor runs a plan step, whose call is data. An unknown operation is a UsageError.
   */
  send(service: ServiceKey, region: string, action: string, input: Record<string, unknown>): Promise<unknown>;
  /** Cost Explorer and Cost Anomaly Detection: a global API served from us-east-1 ($0.01 a request). */
  ce(): Promise<ce.CostExplorerClient>;
  /** Close every client's connections. */
  destroy(): void;
}

/** The IAM service prefix of a service's actions (`elbv2` → `elasticloadbalancing`). */
export function iamPrefixOf(service: ServiceKey): string {
  return SERVICES[service].iamPrefix ?? service;
}

interface SdkClient {
  send(command: unknown): Promise<unknown>;
  middlewareStack: {
    add: (mw: never, options: never) => void;
    addRelativeTo: (mw: never, options: never) => void;
  };
  destroy(): void;
}

/** What a service's SDK package provides once loaded. */
interface ServiceModule {
  make: (config: Record<string, unknown>) => SdkClient;
  exceptions: ServiceExceptions;
}

interface ServiceSpec {
  /** Loads the service's SDK package (Node caches the module: loaded once per process). */
  load: () => Promise<ServiceModule>;
  /** The IAM service prefix of the service's actions, when it is not the service key. */
  iamPrefix?: string;
  /** Global services are called in one region whatever the caller asks. */
  globalRegion?: string;
}

const SERVICES: Record<ServiceKey, ServiceSpec> = {
  ec2: {
    load: async () => {
      const m = await import("@aws-sdk/client-ec2");
      return { make: (c) => new m.EC2Client(c), exceptions: { base: m.EC2ServiceException, modelled: m } };
    },
  },
  s3: {
    load: async () => {
      const m = await import("@aws-sdk/client-s3");
      return { make: (c) => new m.S3Client(c), exceptions: { base: m.S3ServiceException, modelled: m } };
    },
  },
  s3control: {
    load: async () => {
      const m = await import("@aws-sdk/client-s3-control");
      return {
        make: (c) => new m.S3ControlClient(c),
        exceptions: { base: m.S3ControlServiceException, modelled: m },
      };
    },
    // Its IAM actions are s3:… (s3:GetAccountPublicAccessBlock); the guard maps the operations.
  },
  rds: {
    load: async () => {
      const m = await import("@aws-sdk/client-rds");
      return { make: (c) => new m.RDSClient(c), exceptions: { base: m.RDSServiceException, modelled: m } };
    },
  },
  lambda: {
    load: async () => {
      const m = await import("@aws-sdk/client-lambda");
      return {
        make: (c) => new m.LambdaClient(c),
        exceptions: { base: m.LambdaServiceException, modelled: m },
      };
    },
  },
  sts: {
    load: async () => {
      const m = await import("@aws-sdk/client-sts");
      return { make: (c) => new m.STSClient(c), exceptions: { base: m.STSServiceException, modelled: m } };
    },
  },
  iam: {
    load: async () => {
      const m = await import("@aws-sdk/client-iam");
      return { make: (c) => new m.IAMClient(c), exceptions: { base: m.IAMServiceException, modelled: m } };
    },
    globalRegion: "us-east-1",
  },
  organizations: {
    load: async () => {
      const m = await import("@aws-sdk/client-organizations");
      return {
        make: (c) => new m.OrganizationsClient(c),
        exceptions: { base: m.OrganizationsServiceException, modelled: m },
      };
    },
    globalRegion: "us-east-1",
  },
  elbv2: {
    load: async () => {
      const m = await import("@aws-sdk/client-elastic-load-balancing-v2");
      return {
        make: (c) => new m.ElasticLoadBalancingV2Client(c),
        exceptions: { base: m.ElasticLoadBalancingV2ServiceException, modelled: m },
      };
    },
    iamPrefix: "elasticloadbalancing",
  },
  elb: {
    load: async () => {
      const m = await import("@aws-sdk/client-elastic-load-balancing");
      return {
        make: (c) => new m.ElasticLoadBalancingClient(c),
        exceptions: { base: m.ElasticLoadBalancingServiceException, modelled: m },
      };
    },
    iamPrefix: "elasticloadbalancing",
  },
  cloudtrail: {
    load: async () => {
      const m = await import("@aws-sdk/client-cloudtrail");
      return {
        make: (c) => new m.CloudTrailClient(c),
        exceptions: { base: m.CloudTrailServiceException, modelled: m },
      };
    },
  },
  kms: {
    load: async () => {
      const m = await import("@aws-sdk/client-kms");
      return { make: (c) => new m.KMSClient(c), exceptions: { base: m.KMSServiceException, modelled: m } };
    },
  },
  ssm: {
    load: async () => {
      const m = await import("@aws-sdk/client-ssm");
      return { make: (c) => new m.SSMClient(c), exceptions: { base: m.SSMServiceException, modelled: m } };
    },
  },
  cloudwatch: {
    load: async () => {
      const m = await import("@aws-sdk/client-cloudwatch");
      return {
        make: (c) => new m.CloudWatchClient(c),
        exceptions: { base: m.CloudWatchServiceException, modelled: m },
      };
    },
  },
  ce: {
    load: async () => {
      const m = await import("@aws-sdk/client-cost-explorer");
      return {
        make: (c) => new m.CostExplorerClient(c),
        exceptions: { base: m.CostExplorerServiceException, modelled: m },
      };
    },
    globalRegion: "us-east-1",
  },
};

/** An HTTP handler that refuses to send: the sandbox must never reach the network. */
const noNetwork: HttpHandler = {
  handle: () =>
    Promise.reject(new Error("the sandbox transport never sends HTTP; this is a bug in AWS Coworker")),
};

export function createClientFactory(options: ClientFactoryOptions): ClientFactory {
  const now = options.now ?? (() => new Date());
  /** Clients made, and clients being made (the first caller of a key loads; later callers share it). */
  const clients = new Map<string, SdkClient>();
  const pending = new Map<string, Promise<SdkClient>>();
  const sandboxIdentity: SandboxIdentity | undefined =
    options.transport.kind !== "sandbox"
      ? undefined
      : options.transport.credentials !== undefined
        ? options.transport.sandbox.identityForCredentials(options.transport.credentials.accessKeyId)
        : options.transport.sandbox.identityFor(options.profile);
  const env = options.env ?? {};

  function client(service: ServiceKey, requestedRegion: string | undefined): Promise<SdkClient> {
    const region = SERVICES[service].globalRegion ?? requestedRegion ?? options.defaultRegion;
    const key = `${service}/${region}`;
    const existing = clients.get(key);
    if (existing) return Promise.resolve(existing);
    let making = pending.get(key);
    if (making === undefined) {
      making = SERVICES[service]
        .load()
        .then((loaded) => {
          const made = makeClient(service, region, loaded);
          clients.set(key, made);
          return made;
        })
        .finally(() => pending.delete(key));
      pending.set(key, making);
    }
    return making;
  }

  function makeClient(service: ServiceKey, region: string, loaded: ServiceModule): SdkClient {
    const spec = SERVICES[service];
    const config: Record<string, unknown> = {
      region,
      retryMode: "adaptive",
      maxAttempts: options.maxAttempts ?? 5,
    };
    const transport = options.transport;
    if (transport.kind === "sandbox") {
      const id = sandboxIdentity as SandboxIdentity;
      config["credentials"] = {
        accessKeyId: id.accessKeyId,
        secretAccessKey: id.secretAccessKey,
        ...(id.sessionToken !== undefined && { sessionToken: id.sessionToken }),
      };
      config["requestHandler"] = noNetwork;
    } else {
      if (options.sdkProfile !== undefined) config["profile"] = options.sdkProfile;
      if (transport.credentials !== undefined) config["credentials"] = transport.credentials;
      if (transport.endpointUrl !== undefined) config["endpoint"] = transport.endpointUrl;
      if (transport.requestHandler !== undefined) config["requestHandler"] = transport.requestHandler;
      // Local emulators (moto, LocalStack) serve S3 on one host: path-style addressing.
      const customEndpoint = transport.endpointUrl ?? env["AWS_ENDPOINT_URL_S3"] ?? env["AWS_ENDPOINT_URL"];
      if (service === "s3" && customEndpoint !== undefined) config["forcePathStyle"] = true;
      // S3 Control's endpoint rules put the account id in front of the host
      // (`<AccountId>.s3-control.<region>.amazonaws.com`), also before a custom endpoint's host,
      // which a local emulator on 127.0.0.1 cannot serve (and is not even a valid URL). With an
      // endpoint setting, send to the endpoint as given: the account id also travels in the
      // x-amz-account-id header, which emulators read.
      const controlEndpoint =
        transport.endpointUrl ?? env["AWS_ENDPOINT_URL_S3_CONTROL"] ?? env["AWS_ENDPOINT_URL"];
      if (service === "s3control" && controlEndpoint !== undefined) {
        config["endpointProvider"] = () => ({ url: new URL(controlEndpoint) });
        config["disableHostPrefix"] = true;
      }
    }

    const made = loaded.make(config);
    made.middlewareStack.add(
      guardMiddleware({
        service: spec.iamPrefix ?? service,
        region,
        profile: options.profile,
        account: options.account ?? sandboxIdentity?.accountId,
        who: options.who,
        transport: transport.kind,
        policy: options.policy,
        audit: options.audit,
        now,
      }) as never,
      guardMiddlewareOptions as never,
    );
    if (options.rateLimiter !== undefined) {
      made.middlewareStack.addRelativeTo(
        rateLimitMiddleware({
          limiter: options.rateLimiter,
          account: options.account ?? sandboxIdentity?.accountId ?? `profile:${options.profile}`,
          region,
          service: spec.iamPrefix ?? service,
        }) as never,
        rateLimitMiddlewareOptions as never,
      );
    }
    if (transport.kind === "sandbox") {
      made.middlewareStack.addRelativeTo(
        sandboxMiddleware({
          sandbox: transport.sandbox,
          service,
          region,
          identity: sandboxIdentity as SandboxIdentity,
          exceptions: loaded.exceptions,
        }) as never,
        sandboxMiddlewareOptions as never,
      );
    }
    return made;
  }

  return {
    profile: options.profile,
    defaultRegion: options.defaultRegion,
    transportKind: options.transport.kind,
    ec2: (region) => client("ec2", region) as Promise<unknown> as Promise<ec2.EC2Client>,
    s3: (region) => client("s3", region) as Promise<unknown> as Promise<s3.S3Client>,
    s3control: (region) =>
      client("s3control", region) as Promise<unknown> as Promise<s3control.S3ControlClient>,
    rds: (region) => client("rds", region) as Promise<unknown> as Promise<rds.RDSClient>,
    lambda: (region) => client("lambda", region) as Promise<unknown> as Promise<lambda.LambdaClient>,
    sts: (region) => client("sts", region) as Promise<unknown> as Promise<sts.STSClient>,
    iam: () => client("iam", undefined) as Promise<unknown> as Promise<iam.IAMClient>,
    organizations: () =>
      client("organizations", undefined) as Promise<unknown> as Promise<organizations.OrganizationsClient>,
    elbv2: (region) =>
      client("elbv2", region) as Promise<unknown> as Promise<elbv2.ElasticLoadBalancingV2Client>,
    elb: (region) => client("elb", region) as Promise<unknown> as Promise<elb.ElasticLoadBalancingClient>,
    cloudtrail: (region) =>
      client("cloudtrail", region) as Promise<unknown> as Promise<cloudtrail.CloudTrailClient>,
    kms: (region) => client("kms", region) as Promise<unknown> as Promise<kms.KMSClient>,
    ssm: (region) => client("ssm", region) as Promise<unknown> as Promise<ssm.SSMClient>,
    cloudwatch: (region) =>
      client("cloudwatch", region) as Promise<unknown> as Promise<cloudwatch.CloudWatchClient>,
    send: async (service, region, action, input) => {
      const made = await client(service, region);
      const loaded = await SERVICES[service].load();
      const Command = (loaded.exceptions.modelled as Record<string, unknown>)[`${action}Command`];
      if (typeof Command !== "function") {
        throw new UsageError(`the AWS SDK's ${service} client has no operation ${action}`, {
          code: "UnknownOperation",
          hint: "A plan step names an SDK operation such as CreateVpc; fix the plan.",
        });
      }
      return made.send(new (Command as new (input: unknown) => unknown)(input));
    },
    ce: () => client("ce", undefined) as Promise<unknown> as Promise<ce.CostExplorerClient>,
    destroy: () => {
      for (const c of clients.values()) c.destroy();
      clients.clear();
    },
  };
}

/**
 * The region the SDK itself would use for a profile (AWS_REGION, AWS_DEFAULT_REGION, or the
 * profile's `region` in ~/.aws/config), or undefined when none is set. Makes no AWS call.
 */
export async function sdkDefaultRegion(profile: string | undefined): Promise<string | undefined> {
  const { STSClient } = await import("@aws-sdk/client-sts");
  const probe = new STSClient(profile === undefined ? {} : { profile });
  try {
    return await probe.config.region();
  } catch {
    // "Region is missing": the caller falls back to the configuration or us-east-1.
    return undefined;
  } finally {
    probe.destroy();
  }
}
