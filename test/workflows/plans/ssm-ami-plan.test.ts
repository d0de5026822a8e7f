/**
 * The ec2-instance blueprint with an AMI named by an SSM public parameter, end to end on the
 * sandbox (real client factory, gate, audit log): plan (ssm:GetParameter, then DescribeImages by
 * the id) → approve → execute → the instance runs that image → rollback → terminated.
 */
import { describe, expect, test } from "vitest";
import { collectImages, collectInstances } from "../../../src/aws/collectors/ec2.js";
import type { Plan } from "../../../src/core/plans/plan.js";
import { approvePlan, planHarness, rollbackPlanOf, type PlanHarness } from "../../_helpers/plan-harness.js";

const TAGS = { "tags.Owner": "platform-team", "tags.CostCenter": "CC-1001" };
const REGION = "us-east-1";
const LATEST = "/aws/service/ami-amazon-linux-latest";

async function run(h: PlanHarness, plan: Plan) {
  approvePlan(h, plan);
  const result = await h.execute(plan.id);
  if (result.kind !== "run") throw new Error("expected a run");
  return result;
}

const scope = (h: PlanHarness) => ({ account: h.context.account.id, region: REGION, pageSize: 1000 });

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
