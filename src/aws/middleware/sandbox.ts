/**
 * Plugs the sandbox in as the transport, beneath the SDK's retry and signing middleware:
 * the SDK builds and signs the request as for AWS, then this middleware answers from the
 * simulated estate instead of sending it. Sandbox errors become the SDK's own exception
 * classes (modelled ones where the service has them), so the SDK's adaptive retry, and
 * callers, see exactly what AWS would give them.
 */
import { randomUUID } from "node:crypto";
import type { FinalizeRequestMiddleware, MetadataBearer, RelativeMiddlewareOptions } from "@smithy/types";
import {
  SandboxServiceError,
  type SandboxIdentity,
  type SandboxService,
  type SandboxTransport,
} from "../sandbox/types.js";

/** A service's exception classes: the base, and the modelled ones by AWS error name. */
export interface ServiceExceptions {
  base: new (options: ExceptionInit) => Error;
  modelled: Readonly<Record<string, unknown>>;
}

interface ExceptionInit {
  name: string;
  message?: string;
  $fault: "client" | "server";
  $metadata: MetadataBearer["$metadata"];
}

export interface SandboxScope {
  sandbox: SandboxTransport;
  service: SandboxService;
  region: string;
  identity: SandboxIdentity;
  exceptions: ServiceExceptions;
}

export function sandboxMiddleware(scope: SandboxScope): FinalizeRequestMiddleware<object, MetadataBearer> {
  return (_next, context) => async (args) => {
    const action = (context.commandName ?? "UnknownCommand").replace(/Command$/, "");
    const requestId = `sandbox-${randomUUID()}`;
    // The serialised HTTP request is built and signed but never sent: the sandbox answers the
    // command input exactly as the caller gave it.
    const input = args.input as Record<string, unknown>;
    try {
      const output = await scope.sandbox.call({
        service: scope.service,
        action,
        input,
        region: scope.region,
        identity: scope.identity,
      });
      return {
        response: { statusCode: 200, headers: {}, body: undefined },
        output: { ...output, $metadata: { httpStatusCode: 200, requestId } },
      };
    } catch (error) {
      if (error instanceof SandboxServiceError) throw toSdkException(error, scope.exceptions, requestId);
      throw error;
    }
  };
}

/** Wire codes whose SDK class has an unrelated name (classic ELB, CloudWatch, IAM credential reports). */
const WIRE_CODE_ALIASES: Readonly<Record<string, string>> = {
  LoadBalancerNotFound: "AccessPointNotFoundException",
  InternalServiceError: "InternalServiceFault",
  ReportNotPresent: "CredentialReportNotPresentException",
  ReportExpired: "CredentialReportExpiredException",
  ReportInProgress: "CredentialReportNotReadyException",
};

export function toSdkException(
  error: SandboxServiceError,
  exceptions: ServiceExceptions,
  requestId: string,
): Error {
  const init: ExceptionInit = {
    name: error.name,
    message: error.message,
    $fault: error.fault,
    $metadata: { httpStatusCode: error.httpStatusCode, requestId },
  };
  // Query protocols name some modelled errors differently on the wire and in the SDK
  // (RDS answers `DBInstanceNotFound`; the SDK throws DBInstanceNotFoundFault).
  const Modelled = [
    error.name,
    `${error.name}Fault`,
    `${error.name}Exception`,
    WIRE_CODE_ALIASES[error.name] ?? "",
  ]
    .map((name) => exceptions.modelled[name])
    .find((candidate) => typeof candidate === "function" && candidate.prototype instanceof exceptions.base);
  if (Modelled !== undefined) {
    const e = new (Modelled as new (o: object) => Error)({
      message: error.message,
      $metadata: init.$metadata,
    });
    return e;
  }
  const e = new exceptions.base(init);
  // ServiceException takes its name from the options; keep AWS's spelling exactly.
  Object.defineProperty(e, "name", {
    value: error.name,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return e;
}

export const sandboxMiddlewareOptions: RelativeMiddlewareOptions & { name: string; override: boolean } = {
  name: "awsCoworkerSandboxTransport",
  relation: "after",
  toMiddleware: "httpSigningMiddleware",
  override: true,
};
