import { describe, expect, test } from "vitest";
import { accessLevelOf, classifyAction, type ActionClass } from "../../../src/core/safety/actions.js";

describe("classifyAction", () => {
  test.each<[string, Record<string, unknown> | undefined, ActionClass, boolean]>([
    // discovery: List/Read actions from the Service Authorization Reference
    ["ec2:DescribeInstances", undefined, "discovery", false],
    ["ec2:DescribeVolumes", undefined, "discovery", false],
    ["s3:ListAllMyBuckets", undefined, "discovery", false],
    ["rds:DescribeDBInstances", undefined, "discovery", false],
    ["lambda:ListFunctions", undefined, "discovery", false],
    ["sts:GetCallerIdentity", undefined, "discovery", false],
    ["iam:ListAccountAliases", undefined, "discovery", false],
    ["ssm:GetParameter", { Name: "/app/db-host" }, "discovery", false],
    ["ec2:DescribeInstanceAttribute", { Attribute: "instanceType" }, "discovery", false],
    // planning: a dry run changes nothing
    ["ec2:TerminateInstances", { InstanceIds: ["i-1"], DryRun: true }, "planning", false],
    // create: adds without removing
    ["ec2:RunInstances", { MinCount: 1, MaxCount: 1 }, "create", true],
    ["ec2:CreateTags", undefined, "create", true],
    ["s3:CreateBucket", undefined, "create", true],
    // destructive: removes, overwrites, interrupts
    ["ec2:TerminateInstances", { InstanceIds: ["i-1"] }, "destructive", true],
    ["ec2:DeleteVolume", undefined, "destructive", true],
    ["ec2:StopInstances", undefined, "destructive", true],
    ["ec2:ModifyInstanceAttribute", undefined, "destructive", true],
    ["ec2:DeleteTags", undefined, "destructive", true],
    ["rds:DeleteDBInstance", undefined, "destructive", true],
    ["lambda:DeleteFunction", undefined, "destructive", true],
    // sensitive mutations: identity, keys, network access, logging, encryption
    ["iam:CreateUser", undefined, "sensitive", true],
    ["iam:AttachUserPolicy", undefined, "sensitive", true],
    ["kms:ScheduleKeyDeletion", undefined, "sensitive", true],
    ["ec2:AuthorizeSecurityGroupIngress", undefined, "sensitive", true],
    ["ec2:RevokeSecurityGroupIngress", undefined, "sensitive", true],
    ["cloudtrail:StopLogging", undefined, "sensitive", true],
    ["s3:PutBucketPolicy", undefined, "sensitive", true],
    ["s3:PutEncryptionConfiguration", undefined, "sensitive", true],
    ["sts:AssumeRoleWithSAML", undefined, "sensitive", true],
    ["sts:GetFederationToken", undefined, "sensitive", true],
    // unknown actions are mutations
    ["ec2:FrobnicateEverything", undefined, "destructive", true],
    ["madeup:DescribeThings", undefined, "destructive", true],
    ["notanaction", undefined, "destructive", true],
  ])("%s %j → %s (mutation: %s)", (action, params, cls, isMutation) => {
    const c = classifyAction(action, params);
    expect(c.class).toBe(cls);
    expect(c.isMutation).toBe(isMutation);
    expect(c.reason).toContain(action);
  });

  test.each([
    ["secretsmanager:GetSecretValue", undefined],
    ["ssm:GetParameter", { WithDecryption: true }],
    ["ssm:GetParametersByPath", { WithDecryption: true }],
    ["ec2:GetPasswordData", undefined],
    ["ec2:DescribeInstanceAttribute", { Attribute: "userData" }],
    ["s3:GetObject", undefined],
    ["lambda:GetFunction", undefined],
  ])("%s %j is a sensitive read, not plain discovery", (action, params) => {
    const c = classifyAction(action, params);
    expect(c.class).toBe("sensitive");
    expect(c.isSensitiveRead).toBe(true);
    expect(c.accessLevel === "Read" || c.accessLevel === "List").toBe(true);
  });

  test("sts:AssumeRole is a sensitive read (it returns credentials and changes nothing), though AWS files it under Write", () => {
    const c = classifyAction("sts:AssumeRole", { RoleArn: "arn:aws:iam::222222222222:role/X" });
    expect(c.accessLevel).toBe("Write");
    expect(c.class).toBe("sensitive");
    expect(c.isSensitiveRead).toBe(true);
    expect(c.isMutation).toBe(false);
  });

  test.each(["sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoot"])(
    "%s stays a sensitive mutation",
    (action) => {
      const c = classifyAction(action);
      expect(c.class).toBe("sensitive");
      expect(c.isSensitiveRead).toBe(false);
      expect(c.isMutation).toBe(true);
    },
  );

  test("the reason explains that unknown actions are treated as mutations", () => {
    expect(classifyAction("ec2:FrobnicateEverything").reason).toMatch(/treated as a mutation/);
  });
});

describe("accessLevelOf", () => {
  test.each([
    ["ec2:DescribeInstances", "List"],
    ["ec2:GetPasswordData", "Read"],
    ["ec2:CreateTags", "Tagging"],
    ["iam:AttachRolePolicy", "Permissions management"],
    ["ec2:TerminateInstances", "Write"],
    ["ec2:NoSuchThing", undefined],
  ])("%s → %s", (action, level) => {
    expect(accessLevelOf(action)).toBe(level);
  });
});
