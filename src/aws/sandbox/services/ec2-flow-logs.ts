/**
 * VPC flow logs: DescribeFlowLogs (FlowLogIds, filters in `Filter`, MaxResults/NextToken).
 */
import type { DescribeFlowLogsRequest, DescribeFlowLogsResult, FlowLog } from "@aws-sdk/client-ec2";
import type { EstateFlowLog } from "../estate.js";
import { op, regionOf, tagsMember, toDate, type Handler, type ServiceContext } from "./context.js";
import { applyEc2Filters, type FilterFields } from "./ec2-filters.js";
import { checkDryRun, ec2Page, nextTokenMember } from "./ec2-shared.js";

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

export const FLOW_LOG_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeFlowLogs: op(describeFlowLogs),
};
