/**
 * What an operation handler receives, and the small conversions every service needs.
 */
import { emptyRegion, type Estate, type EstateAccount, type EstateRegion, type Tags } from "../estate.js";
import type { IdFactory } from "../ids.js";
import type { SandboxIdentity } from "../types.js";

export interface ServiceContext {
  /** The live estate: handlers of mutating operations change it in place. */
  estate: Estate;
  /** The caller's account (from the identity). */
  account: EstateAccount;
  region: string;
  identity: SandboxIdentity;
  action: string;
  /** Page size when the caller gives none. */
  pageSize: number;
  now(): Date;
  /** Ids for resources the operation creates. */
  ids: IdFactory;
  /** Temporary credentials the sandbox issues (sts:AssumeRole); kept in the sandbox, not the estate. */
  sessions: SessionIssuer;
}

/** Who a session stands for: an identity without its credentials. */
export type SessionPrincipal = Omit<SandboxIdentity, "accessKeyId" | "secretAccessKey" | "sessionToken">;

export interface SessionIssuer {
  /** New credentials (a unique `ASIA…` key) for the principal, valid until `expiresAt`. */
  issue(principal: SessionPrincipal, expiresAt: Date): SandboxIdentity;
}

export type Handler = (ctx: ServiceContext, input: Record<string, unknown>) => Record<string, unknown>;
export type ServiceHandlers = Readonly<Record<string, Handler>>;

/**
 * Adapt a handler typed with the SDK's request and result shapes. The input is what the
 * caller gave the SDK command, so it has the request's shape; the result type is checked
 * against the SDK's output type at compile time.
 */
export function op<I, O extends object>(fn: (ctx: ServiceContext, input: I) => O): Handler {
  return (ctx, input) => fn(ctx, input as I) as Record<string, unknown>;
}

/** The region's resources, or an empty (unsaved) region when the account has none there. */
export function regionOf(ctx: ServiceContext): EstateRegion {
  return ctx.account.regions[ctx.region] ?? emptyRegion();
}

/** The region's resources, created in the estate if missing (for operations that add resources). */
export function ensureRegion(ctx: ServiceContext): EstateRegion {
  const existing = ctx.account.regions[ctx.region];
  if (existing !== undefined) return existing;
  const created = emptyRegion();
  ctx.account.regions[ctx.region] = created;
  return created;
}

export function toDate(iso: string): Date {
  return new Date(iso);
}

export function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** `{Tags: [...]}` when there are tags, `{}` otherwise (EC2 omits an empty tag set). */
export function tagsMember(tags: Tags): { Tags?: { Key: string; Value: string }[] } {
  return Object.keys(tags).length > 0 ? { Tags: tagList(tags) } : {};
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}
