/**
 * VPC flow logs: DescribeFlowLogs (FlowLogIds, filters in `Filter`, MaxResults/NextToken).
 */
import type {
  CreateFlowLogsRequest,
  CreateFlowLogsResult,
  DeleteFlowLogsRequest,
  DeleteFlowLogsResult,
  DescribeFlowLogsRequest,
  DescribeFlowLogsResult,
  FlowLog,
  UnsuccessfulItem,
} from "@aws-sdk/client-ec2";
import type { EstateFlowLog } from "../estate.js";
import { awsError } from "../errors.js";
import { op, regionOf, tagsMember, toDate, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, ID_KINDS, nextTokenMember, selectByIds } from "./ec2-shared.js";
import { specifiedTags } from "./ec2-tags.js";

/** AWS's default flow log record format (version 2). */
const DEFAULT_LOG_FORMAT =
  "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";

function logGroupName(f: EstateFlowLog): string | undefined {
  return f.logDestinationType === "cloud-watch-logs" ? f.logDestination.split(":log-group:")[1] : undefined;
}

function flowLogOutput(f: EstateFlowLog): FlowLog {
  const group = logGroupName(f);
  return {
    CreationTime: toDate(f.createdAt),
    DeliverLogsStatus: "SUCCESS",
    FlowLogId: f.id,
    FlowLogStatus: f.status,
    ...(group === undefined ? {} : { LogGroupName: group }),
    ResourceId: f.resourceId,
    TrafficType: f.trafficType,
    LogDestinationType: f.logDestinationType,
    LogDestination: f.logDestination,
    LogFormat: DEFAULT_LOG_FORMAT,
    ...tagsMember(f.tags),
    MaxAggregationInterval: 600,
    ...(f.logDestinationType === "s3"
      ? {
          DestinationOptions: {
            FileFormat: "plain-text",
            HiveCompatiblePartitions: false,
            PerHourPartition: false,
          },
        }
      : {}),
  };
}

const FLOW_LOG_FILTERS: FilterFields<EstateFlowLog> = {
  "deliver-log-status": () => "SUCCESS",
  "log-destination-type": (f) => f.logDestinationType,
  "flow-log-id": (f) => f.id,
  "log-group-name": logGroupName,
  "resource-id": (f) => f.resourceId,
  "traffic-type": (f) => f.trafficType,
};

/**
 * DescribeFlowLogs: the region's flow logs; `FlowLogIds` keeps those listed (ids that match
 * none are left out, without an error); filters are in `Filter` (singular, as the SDK names
 * it); MaxResults 1–1000.
 */
function describeFlowLogs(ctx: ServiceContext, input: DescribeFlowLogsRequest): DescribeFlowLogsResult {
  const ids = input.FlowLogIds ?? [];
  const all = regionOf(ctx).flowLogs;
  const selected = ids.length === 0 ? all : all.filter((f) => ids.includes(f.id));
  const matching = applyEc2Filters(selected, input.Filter, FLOW_LOG_FILTERS, (f) => f.tags);
  const page = ec2Page(ctx, input, matching, { min: 1, max: 1000 }, false);
  checkDryRun(input);
  return { FlowLogs: page.items.map(flowLogOutput), ...nextTokenMember(page.nextToken) };
}

function unsuccessful(resourceId: string, code: string, message: string): UnsuccessfulItem {
  return { ResourceId: resourceId, Error: { Code: code, Message: message } };
}

/** Where the flow log delivers to, as CreateFlowLogs validates the destination parameters. */
function destinationOf(
  ctx: ServiceContext,
  input: CreateFlowLogsRequest,
): Pick<EstateFlowLog, "logDestinationType" | "logDestination"> {
  const type = input.LogDestinationType ?? "cloud-watch-logs";
  if (type === "s3") {
    const arn = input.LogDestination;
    if (arn === undefined || !/^arn:aws:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(arn)) {
      throw awsError(
        "InvalidParameter",
        `LogDestination: ${arn ?? "(none)"} is not a valid S3 bucket ARN (arn:aws:s3:::bucket/optional-prefix/)`,
      );
    }
    if (input.DeliverLogsPermissionArn !== undefined) {
      throw awsError("InvalidParameter", "DeliverLogsPermissionArn is not applicable for s3 delivery");
    }
    return { logDestinationType: "s3", logDestination: arn };
  }
  if (type !== "cloud-watch-logs") {
    throw awsError(
      "InvalidParameter",
      `LogDestinationType ${type} is not one the sandbox models (cloud-watch-logs, s3).`,
    );
  }
  if (input.DeliverLogsPermissionArn === undefined) {
    throw awsError("InvalidParameter", "DeliverLogsPermissionArn is required for cloud-watch-logs delivery");
  }
  if (input.LogGroupName !== undefined && input.LogDestination !== undefined) {
    throw awsError("InvalidParameter", "Please only provide LogGroupName or only provide LogDestination.");
  }
  const group = input.LogGroupName;
  if (group !== undefined) {
    return {
      logDestinationType: "cloud-watch-logs",
      logDestination: `arn:aws:logs:${ctx.region}:${ctx.account.id}:log-group:${group}`,
    };
  }
  if (input.LogDestination === undefined || !input.LogDestination.includes(":log-group:")) {
    throw awsError("InvalidParameter", "LogDestination (a log group ARN) or LogGroupName must be provided.");
  }
  return { logDestinationType: "cloud-watch-logs", logDestination: input.LogDestination };
}

/** The bucket an S3 destination ARN names (`arn:aws:s3:::bucket/prefix/` → `bucket`). */
function bucketOf(arn: string): string {
  return arn.slice("arn:aws:s3:::".length).split("/")[0] ?? "";
}

/**
 * CreateFlowLogs for VPCs. A VPC that does not exist fails the call (`InvalidVpcID.NotFound`),
 * as does one that already has a flow log to the same destination (`FlowLogAlreadyExists`);
 * an S3 destination bucket no account of the estate holds is reported in `Unsuccessful` for
 * each VPC, the way AWS reports a destination it cannot deliver to.
 */
function createFlowLogs(ctx: ServiceContext, input: CreateFlowLogsRequest): CreateFlowLogsResult {
  const r = regionOf(ctx);
  const ids = input.ResourceIds ?? [];
  if (ids.length === 0)
    throw awsError("MissingParameter", "The request must contain the parameter ResourceIds");
  if (input.ResourceType !== "VPC") {
    throw awsError(
      "InvalidParameter",
      `ResourceType ${input.ResourceType ?? "(none)"} is not one the sandbox models; use VPC.`,
    );
  }
  const traffic = input.TrafficType;
  if (traffic !== "ALL" && traffic !== "ACCEPT" && traffic !== "REJECT") {
    throw awsError("InvalidParameter", "TrafficType must be one of ALL, ACCEPT, REJECT");
  }
  const destination = destinationOf(ctx, input);
  const tags = specifiedTags(input.TagSpecifications, ["vpc-flow-log"]);
  selectByIds(ID_KINDS.vpc, r.vpcs, ids, (v) => v.id);
  for (const id of ids) {
    if (r.flowLogs.some((f) => f.resourceId === id && f.logDestination === destination.logDestination)) {
      throw awsError(
        "FlowLogAlreadyExists",
        "Error. There is an existing Flow Log with the same configuration and log destination.",
      );
    }
  }
  checkDryRun(input);
  if (destination.logDestinationType === "s3") {
    const bucket = bucketOf(destination.logDestination);
    if (!ctx.estate.accounts.some((a) => a.buckets.some((b) => b.name === bucket))) {
      return {
        ...(input.ClientToken === undefined ? {} : { ClientToken: input.ClientToken }),
        FlowLogIds: [],
        Unsuccessful: [...new Set(ids)].map((id) =>
          unsuccessful(id, "400", `LogDestination: ${bucket} does not exist.`),
        ),
      };
    }
  }
  const created = [...new Set(ids)].map((id) => {
    const flowLog: EstateFlowLog = {
      id: ctx.ids.ec2("fl"),
      resourceId: id,
      trafficType: traffic,
      ...destination,
      status: "ACTIVE",
      createdAt: ctx.now().toISOString(),
      tags: tags("vpc-flow-log"),
    };
    r.flowLogs.push(flowLog);
    return flowLog.id;
  });
  return {
    ...(input.ClientToken === undefined ? {} : { ClientToken: input.ClientToken }),
    FlowLogIds: created,
    Unsuccessful: [],
  };
}

/** DeleteFlowLogs: every id must name a flow log (`InvalidFlowLogId.NotFound` otherwise). */
function deleteFlowLogs(ctx: ServiceContext, input: DeleteFlowLogsRequest): DeleteFlowLogsResult {
  const r = regionOf(ctx);
  const ids = input.FlowLogIds ?? [];
  if (ids.length === 0)
    throw awsError("MissingParameter", "The request must contain the parameter FlowLogIds");
  const missing = [...new Set(ids)].filter((id) => !r.flowLogs.some((f) => f.id === id));
  if (missing.length > 0) {
    throw awsError(
      ID_KINDS.flowLog.notFound,
      `These flow log ids in the input list are not found: [TotalCount: ${missing.length}] ${missing.join(", ")}`,
    );
  }
  checkDryRun(input);
  r.flowLogs = r.flowLogs.filter((f) => !ids.includes(f.id));
  return { Unsuccessful: [] };
}

export const FLOW_LOG_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeFlowLogs: op(describeFlowLogs),
  CreateFlowLogs: op(createFlowLogs),
  DeleteFlowLogs: op(deleteFlowLogs),
};
