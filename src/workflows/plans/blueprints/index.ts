/** Every blueprint `plan create` knows, by name. */
import { cleanup } from "./cleanup.js";
import type { BlueprintDefinition } from "./definition.js";
import { ec2Instance } from "./ec2-instance.js";
import { del } from "./delete.js";
import { s3Bucket } from "./s3-bucket.js";
import { securityGroup } from "./security-group.js";
import { tag } from "./tag.js";
import { vpc } from "./vpc.js";

export const BLUEPRINTS: Readonly<Record<string, BlueprintDefinition>> = {
  vpc,
  "s3-bucket": s3Bucket,
  tag,
  "security-group": securityGroup,
  "ec2-instance": ec2Instance,
  cleanup,
  delete: del,
};
