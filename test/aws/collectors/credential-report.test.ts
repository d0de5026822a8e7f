/**
 * The credential report's "not ready" answers as the SDK surfaces them: IAM's wire codes
 * (ReportInProgress, ReportNotPresent, ReportExpired) arrive as the SDK's classes
 * (CredentialReportNotReadyException…), and must be waited out, not reported as failures.
 */
import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  IAMServiceException,
} from "@aws-sdk/client-iam";
import { describe, expect, test } from "vitest";
import type { ClientFactory } from "../../../src/aws/clients.js";
import { readCredentialReport } from "../../../src/aws/collectors/credential-report.js";
import { AwsCallError } from "../../../src/core/errors.js";

const CSV = [
  "user,arn,user_creation_time,password_enabled,password_last_used,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date",
  "alice,arn:aws:iam::123456789012:user/alice,2026-01-01T00:00:00+00:00,true,N/A,false,false,N/A,N/A,false,N/A,N/A",
].join("\n");
const meta = { $metadata: { httpStatusCode: 410 } };

/** An IAM client answering each call from a script: a value, or an error to throw. */
function scripted(answers: (object | Error)[]): { factory: ClientFactory; calls: string[] } {
  const calls: string[] = [];
  const send = (command: { constructor: { name: string } }) => {
    calls.push(command.constructor.name.replace(/Command$/, ""));
    const next = answers.shift();
    if (next === undefined) throw new Error("unexpected call");
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve(next);
  };
  return { factory: { iam: () => Promise.resolve({ send }) } as unknown as ClientFactory, calls };
}
const site = { service: "iam", account: "123456789012", region: "us-east-1" };
const noSleep = () => Promise.resolve();

describe("readCredentialReport", () => {
  test("waits out the SDK's not-ready, not-present and expired exceptions", async () => {
    const { factory, calls } = scripted([
      { State: "STARTED" },
      { State: "COMPLETE" },
      new CredentialReportNotReadyException({ message: "in progress", ...meta }),
      { State: "COMPLETE" },
      new CredentialReportNotPresentException({ message: "not present", ...meta }),
      { State: "COMPLETE" },
      new CredentialReportExpiredException({ message: "expired", ...meta }),
      { State: "COMPLETE" },
      { Content: new TextEncoder().encode(CSV) },
    ]);
    const rows = await readCredentialReport(factory, site, noSleep);
    expect(rows.map((r) => [r.user, r.passwordEnabled, r.mfaActive])).toEqual([["alice", true, false]]);
    expect(calls.filter((c) => c === "GetCredentialReport")).toHaveLength(4);
  });

  test("any other error is the failing call's, with its permission", async () => {
    const denied = new IAMServiceException({
      name: "AccessDenied",
      $fault: "client",
      message: "no",
      $metadata: { httpStatusCode: 403 },
    });
    const { factory } = scripted([{ State: "COMPLETE" }, denied]);
    const error = await readCredentialReport(factory, site, noSleep).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).action).toBe("iam:GetCredentialReport");
  });
});
