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
import * as cloudtrail from "@aws-sdk/client-cloudtrail";
import * as cloudwatch from "@aws-sdk/client-cloudwatch";
import * as ec2 from "@aws-sdk/client-ec2";
import * as elb from "@aws-sdk/client-elastic-load-balancing";
import * as elbv2 from "@aws-sdk/client-elastic-load-balancing-v2";
import * as iam from "@aws-sdk/client-iam";
import * as kms from "@aws-sdk/client-kms";
import * as lambda from "@aws-sdk/client-lambda";
import * as organizations from "@aws-sdk/client-organizations";
import * as rds from "@aws-sdk/client-rds";
import * as s3 from "@aws-sdk/client-s3";
import * as s3control from "@aws-sdk/client-s3-control";
import * as sts from "@aws-sdk/client-sts";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpRequest,
  HttpResponse,
  RequestHandler,
} from "@smithy/types";

type HttpHandler = RequestHandler<HttpRequest, HttpResponse>;
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

export interface ClientFactory {
  readonly profile: string;
  readonly defaultRegion: string;
  readonly transportKind: Transport["kind"];
  ec2(region?: string): ec2.EC2Client;
  s3(region?: string): s3.S3Client;
  /** S3 Control (account-level S3 settings such as the account's public access block). */
  s3control(region?: string): s3control.S3ControlClient;
  rds(region?: string): rds.RDSClient;
  lambda(region?: string): lambda.LambdaClient;
  sts(region?: string): sts.STSClient;
  iam(): iam.IAMClient;
  organizations(): organizations.OrganizationsClient;
  elbv2(region?: string): elbv2.ElasticLoadBalancingV2Client;
  elb(region?: string): elb.ElasticLoadBalancingClient;
  cloudtrail(region?: string): cloudtrail.CloudTrailClient;
  kms(region?: string): kms.KMSClient;
  cloudwatch(region?: string): cloudwatch.CloudWatchClient;
  /** Close every client's connections. */
  destroy(): void;
}

interface SdkClient {
  middlewareStack: {
    add: (mw: never, options: never) => void;
    addRelativeTo: (mw: never, options: never) => void;
  };
  destroy(): void;
}

interface ServiceSpec {
  make: (config: Record<string, unknown>) => SdkClient;
  /** The IAM service prefix of the service's actions, when it is not the service key. */
  iamPrefix?: string;
  exceptions: ServiceExceptions;
  /** Global services are called in one region whatever the caller asks. */
  globalRegion?: string;
}

const SERVICES: Record<ServiceKey, ServiceSpec> = {
  ec2: { make: (c) => new ec2.EC2Client(c), exceptions: { base: ec2.EC2ServiceException, modelled: ec2 } },
  s3: { make: (c) => new s3.S3Client(c), exceptions: { base: s3.S3ServiceException, modelled: s3 } },
  s3control: {
    make: (c) => new s3control.S3ControlClient(c),
    exceptions: { base: s3control.S3ControlServiceException, modelled: s3control },
    // Its IAM actions are s3:… (s3:GetAccountPublicAccessBlock); the guard maps the operations.
  },
  rds: { make: (c) => new rds.RDSClient(c), exceptions: { base: rds.RDSServiceException, modelled: rds } },
  lambda: {
    make: (c) => new lambda.LambdaClient(c),
    exceptions: { base: lambda.LambdaServiceException, modelled: lambda },
  },
  sts: { make: (c) => new sts.STSClient(c), exceptions: { base: sts.STSServiceException, modelled: sts } },
  iam: {
    make: (c) => new iam.IAMClient(c),
    exceptions: { base: iam.IAMServiceException, modelled: iam },
    globalRegion: "us-east-1",
  },
  organizations: {
    make: (c) => new organizations.OrganizationsClient(c),
    exceptions: { base: organizations.OrganizationsServiceException, modelled: organizations },
    globalRegion: "us-east-1",
  },
  elbv2: {
    make: (c) => new elbv2.ElasticLoadBalancingV2Client(c),
    exceptions: { base: elbv2.ElasticLoadBalancingV2ServiceException, modelled: elbv2 },
    iamPrefix: "elasticloadbalancing",
  },
  elb: {
    make: (c) => new elb.ElasticLoadBalancingClient(c),
    exceptions: { base: elb.ElasticLoadBalancingServiceException, modelled: elb },
    iamPrefix: "elasticloadbalancing",
  },
  cloudtrail: {
    make: (c) => new cloudtrail.CloudTrailClient(c),
    exceptions: { base: cloudtrail.CloudTrailServiceException, modelled: cloudtrail },
  },
  kms: { make: (c) => new kms.KMSClient(c), exceptions: { base: kms.KMSServiceException, modelled: kms } },
  cloudwatch: {
    make: (c) => new cloudwatch.CloudWatchClient(c),
    exceptions: { base: cloudwatch.CloudWatchServiceException, modelled: cloudwatch },
  },
};

/** An HTTP handler that refuses to send: the sandbox must never reach the network. */
const noNetwork: HttpHandler = {
  handle: () =>
    Promise.reject(new Error("the sandbox transport never sends HTTP; this is a bug in AWS Coworker")),
};

export function createClientFactory(options: ClientFactoryOptions): ClientFactory {
  const now = options.now ?? (() => new Date());
  const clients = new Map<string, SdkClient>();
  const sandboxIdentity: SandboxIdentity | undefined =
    options.transport.kind !== "sandbox"
      ? undefined
      : options.transport.credentials !== undefined
        ? options.transport.sandbox.identityForCredentials(options.transport.credentials.accessKeyId)
        : options.transport.sandbox.identityFor(options.profile);
  const env = options.env ?? {};

  function client(service: ServiceKey, requestedRegion: string | undefined): SdkClient {
    const spec = SERVICES[service];
    const region = spec.globalRegion ?? requestedRegion ?? options.defaultRegion;
    const key = `${service}/${region}`;
    const existing = clients.get(key);
    if (existing) return existing;

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

    const made = spec.make(config);
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
          exceptions: spec.exceptions,
        }) as never,
        sandboxMiddlewareOptions as never,
      );
    }
    clients.set(key, made);
    return made;
  }

  return {
    profile: options.profile,
    defaultRegion: options.defaultRegion,
    transportKind: options.transport.kind,
    ec2: (region) => client("ec2", region) as unknown as ec2.EC2Client,
    s3: (region) => client("s3", region) as unknown as s3.S3Client,
    s3control: (region) => client("s3control", region) as unknown as s3control.S3ControlClient,
    rds: (region) => client("rds", region) as unknown as rds.RDSClient,
    lambda: (region) => client("lambda", region) as unknown as lambda.LambdaClient,
    sts: (region) => client("sts", region) as unknown as sts.STSClient,
    iam: () => client("iam", undefined) as unknown as iam.IAMClient,
    organizations: () => client("organizations", undefined) as unknown as organizations.OrganizationsClient,
    elbv2: (region) => client("elbv2", region) as unknown as elbv2.ElasticLoadBalancingV2Client,
    elb: (region) => client("elb", region) as unknown as elb.ElasticLoadBalancingClient,
    cloudtrail: (region) => client("cloudtrail", region) as unknown as cloudtrail.CloudTrailClient,
    kms: (region) => client("kms", region) as unknown as kms.KMSClient,
    cloudwatch: (region) => client("cloudwatch", region) as unknown as cloudwatch.CloudWatchClient,
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
  const probe = new sts.STSClient(profile === undefined ? {} : { profile });
  try {
    return await probe.config.region();
  } catch {
    // "Region is missing": the caller falls back to the configuration or us-east-1.
    return undefined;
  } finally {
    probe.destroy();
  }
}
