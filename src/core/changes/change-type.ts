/**
 * What kind of change an event is, from its service and name: permission/security and
 * network first (they matter most in a review), then create, delete and modify by the verb;
 * sign-ins and reads apart. An event name no rule knows is a modification (a change of
 * unknown kind is still a change).
 */
import { serviceOf, type ChangeEventRecord } from "./change-event.js";

export const CHANGE_TYPES = [
  "create",
  "modify",
  "delete",
  "permission",
  "network",
  "sign-in",
  "read",
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Services whose every write is a permission or security change. */
const SECURITY_SERVICES = new Set([
  "iam",
  "sts",
  "kms",
  "cloudtrail",
  "guardduty",
  "config",
  "organizations",
  "sso",
  "securityhub",
  "access-analyzer",
  "secretsmanager",
  "acm",
  "waf",
  "wafv2",
  "shield",
  "macie2",
  "inspector2",
]);

/** Names (any service) that change who may do what, or what is exposed. */
const SECURITY_NAME =
  /Policy|Permission|Acl$|Acls$|PublicAccessBlock|SecurityGroup|KeyPair|Encryption|Grant|LoginProfile|AccessKey|Mfa|MFA/;

/** EC2 and other names of network changes. */
const NETWORK_NAME =
  /Vpc|Subnet|Route|InternetGateway|NatGateway|NetworkAcl|NetworkInterface|Address|TransitGateway|VpnConnection|VpnGateway|CustomerGateway|DhcpOptions|FlowLogs|PrefixList|Endpoint/;
const NETWORK_SERVICES = new Set(["route53", "directconnect", "networkfirewall", "globalaccelerator"]);

const TAGGING_NAME =
  /^(Create|Delete|Add|Remove)Tags|^(Tag|Untag)Resource$|^(Put|Delete)\w*Tagging$|^(Add|Remove)TagsTo/;
const CREATE_VERB = /^(Create|Run|Launch|Allocate|Register|Import|Copy|Request|Add|Put|Upload|Publish|Issue)/;
const DELETE_VERB =
  /^(Delete|Terminate|Remove|Deregister|Release|Purge|Deprovision|Cancel|Disassociate|Detach)/;

export function changeTypeOf(
  e: Pick<ChangeEventRecord, "eventName" | "eventSource" | "isReadOnly">,
): ChangeType {
  const name = e.eventName;
  const service = serviceOf(e.eventSource);
  if (name === "ConsoleLogin" || name === "SwitchRole" || name === "CheckMfa" || service === "signin") {
    return "sign-in";
  }
  if (e.isReadOnly) return "read";
  if (SECURITY_SERVICES.has(service) || SECURITY_NAME.test(name)) return "permission";
  if (NETWORK_SERVICES.has(service) || (service === "ec2" && NETWORK_NAME.test(name))) return "network";
  // Tags change a resource's metadata, whatever the verb (CreateTags, DeleteTags, TagResource).
  if (TAGGING_NAME.test(name)) return "modify";
  if (DELETE_VERB.test(name)) return "delete";
  if (CREATE_VERB.test(name) && !/^Put.*(Configuration|Versioning)$/.test(name)) return "create";
  return "modify";
}

/** A deletion, for the mass-deletion detection: the verbs that remove a resource. */
export function isDeletion(eventName: string): boolean {
  return /^(Delete|Terminate|Purge|Deprovision)/.test(eventName);
}
