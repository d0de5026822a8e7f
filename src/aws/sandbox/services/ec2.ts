/**
 * The EC2 operations the sandbox simulates (see SPEC.md for each one's behaviour).
 */
import type { ServiceHandlers } from "./context.js";
import { FLOW_LOG_HANDLERS } from "./ec2-flow-logs.js";
import { GATEWAY_WRITE_HANDLERS } from "./ec2-gateway-writes.js";
import { IMAGE_HANDLERS } from "./ec2-images.js";
import { INSTANCE_HANDLERS } from "./ec2-instances.js";
import { NETWORK_HANDLERS } from "./ec2-network.js";
import { REGION_HANDLERS } from "./ec2-regions.js";
import { ROUTE_WRITE_HANDLERS } from "./ec2-route-writes.js";
import { ROUTING_HANDLERS } from "./ec2-routing.js";
import { SECURITY_GROUP_HANDLERS } from "./ec2-security-groups.js";
import { TAG_HANDLERS } from "./ec2-tags.js";
import { VOLUME_HANDLERS } from "./ec2-volumes.js";
import { VPC_WRITE_HANDLERS } from "./ec2-vpc-writes.js";

export const EC2_HANDLERS: ServiceHandlers = {
  ...INSTANCE_HANDLERS,
  ...VOLUME_HANDLERS,
  ...NETWORK_HANDLERS,
  ...ROUTING_HANDLERS,
  ...IMAGE_HANDLERS,
  ...SECURITY_GROUP_HANDLERS,
  ...REGION_HANDLERS,
  ...TAG_HANDLERS,
  ...FLOW_LOG_HANDLERS,
  ...VPC_WRITE_HANDLERS,
  ...GATEWAY_WRITE_HANDLERS,
  ...ROUTE_WRITE_HANDLERS,
};
