/**
 * The security-group and ec2-instance blueprints end to end on the sandbox (real client factory,
 * gate, audit log): plan → approve → execute → the inventory's collectors see the group, the
 * instance and its volume → rollback plan → approve → execute → gone. Governance blocks SSH open
 * to the world before anything runs; a crash after RunInstances, resumed, launches nothing twice;
 * an instance someone protected from termination makes the rollback fail with AWS's reason; an
 * AMI named by an SSM public parameter is resolved at plan time and launched.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import { collectImages, collectInstances } from "../../../src/aws/collectors/ec2.js";
import { collectVolumes } from "../../../src/aws/collectors/ebs.js";
import { collectSecurityGroups, listSecurityGroups } from "../../../src/aws/collectors/vpc.js";
import { Journal, listRunIds } from "../../../src/aws/executor/journal.js";
import { DEMO_ACCOUNTS } from "../../../src/aws/sandbox/demo.js";
import { RefusedError } from "../../../src/core/errors.js";
import { launchToken } from "../../../src/core/plans/blueprints/ec2-instance.js";
import type { Plan } from "../../../src/core/plans/plan.js";
import { approvePlan, planHarness, rollbackPlanOf, type PlanHarness } from "../../_helpers/plan-harness.js";

const TAGS = { "tags.Owner": "platform-team", "tags.CostCenter": "CC-1001" };
const REGION = "us-east-1";
const LATEST = "/aws/service/ami-amazon-linux-latest";

afterEach(() => {
  vi.restoreAllMocks();
});

async function run(h: PlanHarness, plan: Plan) {
  approvePlan(h, plan);
  const result = await h.execute(plan.id);
  if (result.kind !== "run") throw new Error("expected a run");
  return result;
}

const scope = (h: PlanHarness) => ({ account: h.context.account.id, region: REGION, pageSize: 1000 });

function devRegion(h: PlanHarness) {
  return h.sandbox.estate.accounts.find((a) => a.id === DEMO_ACCOUNTS.development)!.regions[REGION]!;
}

describe("the security-group blueprint end to end", () => {
  test("plan → approve → execute → the group and its rules are there, tagged → rollback → gone", async () => {
    const h = await planHarness();
    const vpcId = devRegion(h).vpcs.find((v) => !v.isDefault)!.id;
    const source = devRegion(h).securityGroups.find((g) => g.vpcId === vpcId && g.name === "default")!.id;
    const { plan } = await h.create({
      blueprint: "security-group",
      set: {
        ...TAGS,
        name: "web-sg",
        ingress: `tcp:443:0.0.0.0/0,udp:53:10.0.0.0/8,icmp:-1:10.0.0.0/16,tcp:8000-8080:${source}`,
        egress: "tcp:443:0.0.0.0/0",
      },
      regions: [REGION],
    });
    expect(plan.steps.map((s) => s.id)).toEqual(["security-group", "ingress", "egress", "egress-default"]);
    expect(plan.steps[0]!.params).toMatchObject({ GroupName: "web-sg", VpcId: vpcId });
    // Port 443 open to the world is allowed with a warning; nothing blocks.
    expect(plan.governance.filter((g) => g.outcome === "block")).toEqual([]);
    expect(plan.governance).toContainEqual(
      expect.objectContaining({ rule: "plan.open-admin-ports", outcome: "warn", stepId: "ingress" }),
    );
    // Security group changes are sensitive: demo-dev's approval mode asks for a person.
    await expect(h.execute(plan.id)).rejects.toMatchObject({ code: "ApprovalMissing" });

    const done = await run(h, plan);
    expect(done.status).toBe("completed");
    const groupId = done.steps[0]!.outputs["groupId"] as string;
    const records = await collectSecurityGroups(h.readFactory, scope(h));
    expect(records.find((r) => r.id === groupId)).toMatchObject({
      name: "web-sg",
      tags: { Owner: "platform-team", Environment: "development", "aws-coworker:plan": plan.id },
      attributes: { vpcId, inboundRuleCount: 4, outboundRuleCount: 1 },
    });
    const group = (await listSecurityGroups(h.readFactory, scope(h))).find((g) => g.GroupId === groupId)!;
    expect(group.IpPermissions).toContainEqual(
      expect.objectContaining({
        FromPort: 8000,
        ToPort: 8080,
        UserIdGroupPairs: [expect.objectContaining({ GroupId: source })],
      }),
    );
    expect(group.IpPermissionsEgress).toEqual([
      expect.objectContaining({ IpProtocol: "tcp", FromPort: 443, ToPort: 443 }),
    ]);

    const undo = rollbackPlanOf(h, done.runId);
    expect(undo.steps.map((s) => s.action)).toEqual([
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "DeleteSecurityGroup",
    ]);
    expect((await run(h, undo)).status).toBe("completed");
    const after = await collectSecurityGroups(h.readFactory, scope(h));
    expect(after.some((r) => r.id === groupId || r.name === "web-sg")).toBe(false);
  });

  test("tcp:22 from 0.0.0.0/0 is blocked by governance, and the plan cannot be executed even approved", async () => {
    const h = await planHarness();
    const { plan } = await h.create({
      blueprint: "security-group",
      set: { ...TAGS, name: "ssh-sg", ingress: "tcp:22:0.0.0.0/0" },
      regions: [REGION],
    });
    expect(plan.governance).toContainEqual(
      expect.objectContaining({
        rule: "plan.open-admin-ports",
        outcome: "block",
        stepId: "ingress",
        reason: expect.stringContaining("SSH (22)"),
      }),
    );
    approvePlan(h, plan);
    const error = await h.execute(plan.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({ code: "GovernanceBlocked" });
    expect(h.mutationsReached()).toEqual([]);
  });

  test("with two VPCs in the region and no vpc given, the plan is refused naming both; a Name picks one", async () => {
    const h = await planHarness();
    const made = await run(
      h,
      (
        await h.create({
          blueprint: "vpc",
          set: { ...TAGS, name: "second-vpc", nat: "none", privateSubnets: "0" },
          regions: [REGION],
        })
      ).plan,
    );
    expect(made.status).toBe("completed");
    const error = await h
      .create({ blueprint: "security-group", set: { ...TAGS }, regions: [REGION] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "BlueprintVpcUnresolved",
      message: expect.stringMatching(
        /2 VPCs.*dev-us-east-1-vpc.*second-vpc|2 VPCs.*second-vpc.*dev-us-east-1-vpc/,
      ),
      hint: expect.stringContaining("--set vpc="),
    });
    const { plan } = await h.create({
      blueprint: "security-group",
      set: { ...TAGS, vpc: "second-vpc" },
      regions: [REGION],
    });
    expect(plan.steps[0]!.params["VpcId"]).toBe(made.steps[0]!.outputs["vpcId"]);
  });
});

describe("the ec2-instance blueprint end to end", () => {
  const image = (h: PlanHarness) => devRegion(h).images.find((i) => i.architecture === "x86_64")!;

  test("plan (AMI by name, new group) → approve → execute → instance, volume and group seen → rollback → terminated and gone", async () => {
    const h = await planHarness();
    const ami = image(h);
    const { plan } = await h.create({
      blueprint: "ec2-instance",
      set: { ...TAGS, name: "app-1", ami: ami.name, ingress: "tcp:443:10.0.0.0/8", volumeSizeGiB: "20" },
      regions: [REGION],
    });
    expect(plan.governance.filter((g) => g.outcome === "block")).toEqual([]);
    expect(plan.governance).toContainEqual(
      expect.objectContaining({ rule: "plan.storage-encrypted", outcome: "pass" }),
    );
    const launch = plan.steps.find((s) => s.id === "instance")!;
    const privateSubnet = devRegion(h).subnets.find((s) => s.tags["Name"] === "dev-us-east-1-vpc-private-a")!;
    expect(launch.params).toMatchObject({
      ImageId: ami.id,
      InstanceType: "t3.micro",
      SubnetId: privateSubnet.id,
      MinCount: 1,
      MaxCount: 1,
      ClientToken: launchToken(plan.id, "instance"),
    });
    expect(launch.dependsOn).toEqual(["security-group", "ingress"]);
    expect(plan.cost.lines.map((l) => l.item)).toEqual([
      "instance app-1 (t3.micro)",
      "root volume app-1-root",
    ]);
    expect(plan.cost.monthlyUsd).toBeCloseTo(7.59 + 1.6, 2); // 730 h × $0.0104 + 20 GiB × $0.08
    expect(plan.notes.join("\n")).toContain(
      `aws ssm start-session --target <instance.instanceId> --region ${REGION}`,
    );

    const done = await run(h, plan);
    expect(done.status).toBe("completed");
    const instanceId = done.steps.find((s) => s.id === "instance")!.outputs["instanceId"] as string;
    expect(instanceId).toMatch(/^i-/);
    const instances = await collectInstances(h.readFactory, scope(h));
    expect(instances.find((i) => i.id === instanceId)).toMatchObject({
      name: "app-1",
      state: "running",
      tags: { Owner: "platform-team", Environment: "development", "aws-coworker:step": "instance" },
      attributes: { instanceType: "t3.micro" },
    });
    const volume = (await collectVolumes(h.readFactory, scope(h))).find(
      (v) => v.attributes["attachedTo"] === instanceId,
    );
    expect(volume).toMatchObject({
      name: "app-1-root",
      tags: { Owner: "platform-team", CostCenter: "CC-1001" },
      attributes: { sizeGiB: 20, volumeType: "gp3", isEncrypted: true },
    });
    const groupId = done.steps[0]!.outputs["groupId"] as string;
    expect(devRegion(h).instances.find((i) => i.id === instanceId)!.securityGroupIds).toEqual([groupId]);

    const undo = rollbackPlanOf(h, done.runId);
    expect(undo.steps.map((s) => s.action)).toEqual([
      "TerminateInstances",
      "RevokeSecurityGroupIngress",
      "DeleteSecurityGroup",
    ]);
    expect(undo.steps[0]!.validation?.expect).toEqual([
      { path: "Reservations.0.Instances.0.State.Name", equals: "terminated" },
    ]);
    expect((await run(h, undo)).status).toBe("completed");
    const gone = await collectInstances(h.readFactory, scope(h));
    expect(gone.find((i) => i.id === instanceId)?.state).toBe("terminated");
    const volumes = await collectVolumes(h.readFactory, scope(h));
    expect(volumes.some((v) => v.id === volume!.id)).toBe(false);
    expect((await collectSecurityGroups(h.readFactory, scope(h))).some((g) => g.id === groupId)).toBe(false);
  });

  test("a crash after RunInstances but before its journal entry: resume adopts the instance by its tags, launching one only", async () => {
    const h = await planHarness();
    const { plan } = await h.create({
      blueprint: "ec2-instance",
      set: { ...TAGS, name: "crash-1", ami: image(h).id },
      regions: [REGION],
    });
    const append = Journal.prototype.append;
    let dead = false;
    vi.spyOn(Journal.prototype, "append").mockImplementation(function (this: Journal, event) {
      if (dead || (event.type === "step-completed" && event.stepId === "instance")) {
        dead = true;
        throw new Error("killed");
      }
      return append.call(this, event);
    });
    approvePlan(h, plan);
    await expect(h.execute(plan.id)).rejects.toThrow("killed");
    vi.restoreAllMocks();
    const runId = listRunIds(h.store.workspaceDir)[0]!;
    const resumed = await h.execute(plan.id, { resumeRunId: runId });
    if (resumed.kind !== "run") throw new Error("expected a run");
    expect(resumed.status).toBe("completed");
    expect(resumed.steps.find((s) => s.id === "instance")?.status).toBe("reconciled");
    expect(h.mutationsReached().filter((a) => a === "ec2:RunInstances")).toHaveLength(1);
    const named = devRegion(h).instances.filter((i) => i.tags["Name"] === "crash-1");
    expect(named).toHaveLength(1);
    expect(resumed.steps.find((s) => s.id === "instance")?.outputs["instanceId"]).toBe(named[0]!.id);
  });

  test("a protected instance's rollback fails with OperationNotPermitted and leaves it running", async () => {
    const h = await planHarness();
    const { plan } = await h.create({
      blueprint: "ec2-instance",
      set: { ...TAGS, name: "kept-1", ami: image(h).id, securityGroup: devRegion(h).securityGroups[0]!.id },
      regions: [REGION],
    });
    expect(plan.steps.map((s) => s.id)).toEqual(["instance"]);
    expect(plan.steps[0]!.params["DisableApiTermination"]).toBeUndefined();
    expect(plan.notes.join("\n")).toContain("OperationNotPermitted");
    const done = await run(h, plan);
    const instanceId = done.steps[0]!.outputs["instanceId"] as string;
    // Someone turns termination protection on after the launch.
    devRegion(h).instances.find((i) => i.id === instanceId)!.disableApiTermination = true;

    const undone = await run(h, rollbackPlanOf(h, done.runId));
    expect(undone.status).toBe("stopped");
    expect(undone.steps[0]).toMatchObject({
      status: "failed",
      error: { name: "OperationNotPermitted", message: expect.stringContaining("disableApiTermination") },
    });
    expect(devRegion(h).instances.find((i) => i.id === instanceId)!.state).toBe("running");
    expect(h.mutationsReached()).not.toContain("ec2:ModifyInstanceAttribute");
  });

  test("an instance type outside plans.instanceTypes for the environment is blocked", async () => {
    const yaml =
      readFileSync(new URL("../../../config/demo.yaml", import.meta.url), "utf8") +
      '\nplans:\n  instanceTypes:\n    development: ["t3.*", "t4g.*"]\n';
    const h = await planHarness({ configYaml: yaml });
    const { plan } = await h.create({
      blueprint: "ec2-instance",
      set: { ...TAGS, ami: image(h).id, instanceType: "m5.large" },
      regions: [REGION],
    });
    expect(plan.governance).toContainEqual(
      expect.objectContaining({ rule: "plan.instance-types", outcome: "block", stepId: "instance" }),
    );
    expect(plan.cost.lines[0]).toMatchObject({ monthlyUsd: 70.08 }); // 730 h × $0.096
  });

  test("an AMI the region does not have, or an SSM parameter it does not have, is refused at plan time with the fix", async () => {
    const h = await planHarness();
    await expect(
      h.create({
        blueprint: "ec2-instance",
        set: { ...TAGS, ami: "ami-0123456789abcdef0" },
        regions: [REGION],
      }),
    ).rejects.toMatchObject({
      code: "BlueprintImageNotFound",
      hint: expect.stringContaining("describe-images"),
    });
    await expect(
      h.create({
        blueprint: "ec2-instance",
        set: { ...TAGS, ami: "ssm:/aws/service/ami-amazon-linux-latest/no-such-image" },
        regions: [REGION],
      }),
    ).rejects.toMatchObject({
      code: "BlueprintAmiParameterNotFound",
      message: `there is no SSM parameter /aws/service/ami-amazon-linux-latest/no-such-image in ${REGION} (GetParameter: ParameterNotFound)`,
      hint: expect.stringContaining("get-parameters-by-path"),
    });
    expect(h.mutationsReached()).toEqual([]);
  });
});

/** The id the sandbox's public parameter holds, read as a user would (through the factory). */
async function parameterValue(h: PlanHarness, name: string): Promise<string> {
  const out = (await h.readFactory.send("ssm", REGION, "GetParameter", { Name: name })) as {
    Parameter?: { Value?: string };
  };
  return out.Parameter!.Value!;
}

describe("the ec2-instance blueprint with ami=ssm:<public parameter>", () => {
  test("plan resolves the parameter to the region's AL2023 image → execute → the instance runs it → rollback → terminated", async () => {
    const h = await planHarness();
    const name = `${LATEST}/al2023-ami-kernel-default-x86_64`;
    const imageId = await parameterValue(h, name);
    const before = h.sandbox.calls.length;
    const { plan } = await h.create({
      blueprint: "ec2-instance",
      set: { ...TAGS, name: "al-1", ami: `ssm:${name}` },
      regions: [REGION],
    });
    const launch = plan.steps.find((s) => s.id === "instance")!;
    expect(launch.params).toMatchObject({ ImageId: imageId, InstanceType: "t3.micro" });
    expect(launch.params).toHaveProperty("BlockDeviceMappings.0.DeviceName", "/dev/xvda");
    expect(plan.goal).toContain(`from ${imageId} (al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64)`);
    expect(plan.notes.join("\n")).toContain(
      `ami=ssm:${name} resolved to ${imageId} (al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64) in ${REGION} when this plan was made`,
    );
    expect(plan.governance.filter((g) => g.outcome === "block")).toEqual([]);
    // Planning read the parameter and the image; it changed nothing.
    const planCalls = h.sandbox.calls.slice(before).map((c) => `${c.service}:${c.action}`);
    expect(planCalls).toContain("ssm:GetParameter");
    expect(planCalls).toContain("ec2:DescribeImages");
    expect(h.mutationsReached()).toEqual([]);

    const done = await run(h, plan);
    expect(done.status).toBe("completed");
    const instanceId = done.steps.find((s) => s.id === "instance")!.outputs["instanceId"] as string;
    const instance = (await collectInstances(h.readFactory, scope(h))).find((i) => i.id === instanceId);
    expect(instance).toMatchObject({ name: "al-1", state: "running" });
    expect(
      h.sandbox.estate.accounts
        .flatMap((a) => a.regions[REGION]?.instances ?? [])
        .find((i) => i.id === instanceId)?.imageId,
    ).toBe(imageId);
    // Amazon's image is not one of the account's own (the inventory's AMIs are unchanged).
    expect((await collectImages(h.readFactory, scope(h))).some((i) => i.id === imageId)).toBe(false);

    const undo = rollbackPlanOf(h, done.runId);
    expect(undo.steps.map((s) => s.action)).toContain("TerminateInstances");
    expect((await run(h, undo)).status).toBe("completed");
    const gone = await collectInstances(h.readFactory, scope(h));
    expect(gone.find((i) => i.id === instanceId)?.state).toBe("terminated");
  });

  test("the arm64 parameter with a Graviton type; an x86_64 parameter with a Graviton type is refused", async () => {
    const h = await planHarness();
    const arm = `${LATEST}/al2023-ami-kernel-default-arm64`;
    const { plan } = await h.create({
      blueprint: "ec2-instance",
      set: { ...TAGS, name: "arm-1", ami: `ssm:${arm}`, instanceType: "t4g.micro" },
      regions: [REGION],
    });
    expect(plan.steps.find((s) => s.id === "instance")!.params).toMatchObject({
      ImageId: await parameterValue(h, arm),
      InstanceType: "t4g.micro",
    });
    await expect(
      h.create({
        blueprint: "ec2-instance",
        set: {
          ...TAGS,
          ami: `resolve:ssm:${LATEST}/al2023-ami-kernel-default-x86_64`,
          instanceType: "t4g.micro",
        },
        regions: [REGION],
      }),
    ).rejects.toMatchObject({ code: "BlueprintParamInvalid", message: expect.stringContaining("is x86_64") });
    expect(h.mutationsReached()).toEqual([]);
  });
});
