/**
 * Reading IAM policy documents (identity, trust and bucket policies): statements, principals,
 * actions and conditions, as the IAM policy grammar allows them (a single value or a list).
 * A document that is not valid JSON throws: the check reports an error, never a pass.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export function statementsOf(document: string): PolicyStatement[] {
  const parsed = JSON.parse(document) as { Statement?: unknown };
  const s = parsed.Statement;
  if (s === undefined) return [];
  return (Array.isArray(s) ? s : [s]) as PolicyStatement[];
}

export function valuesOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

/** The principals of a statement: `*` and each AWS, Service, Federated… value, by kind. */
export function principalsOf(statement: PolicyStatement): { kind: string; value: string }[] {
  const p = statement.Principal;
  if (p === undefined) return [];
  if (typeof p === "string") return [{ kind: "AWS", value: p }];
  return Object.entries(p as Record<string, unknown>).flatMap(([kind, v]) =>
    valuesOf(v).map((value) => ({ kind, value })),
  );
}

export function hasCondition(statement: PolicyStatement): boolean {
  return statement.Condition !== undefined && Object.keys(statement.Condition).length > 0;
}

/** The account an AWS principal names: a bare account id, `arn:aws:iam::<id>:root`, or a user/role ARN. */
export function accountOfPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  return /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(value)?.[1];
}

/** True for `Allow` of every action on every resource (`*`, or `*:*`). */
export function allowsEverything(statement: PolicyStatement): boolean {
  return (
    statement.Effect === "Allow" &&
    statement.NotAction === undefined &&
    valuesOf(statement.Action).some((a) => a === "*" || a === "*:*") &&
    valuesOf(statement.Resource).includes("*")
  );
}
