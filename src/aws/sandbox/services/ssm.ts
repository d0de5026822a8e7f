/**
 * Systems Manager Parameter Store: GetParameter and GetParameters over AWS's public parameters
 * of the latest Amazon Linux images (`/aws/service/ami-amazon-linux-latest/…`, public-images.ts),
 * whose value is the region's image id. The account's own parameters are not modelled: any
 * other name is ParameterNotFound (GetParameters lists it in InvalidParameters).
 */
import type {
  GetParameterRequest,
  GetParameterResult,
  GetParametersRequest,
  GetParametersResult,
  Parameter,
} from "@aws-sdk/client-ssm";
import { awsError } from "../errors.js";
import { publicParameter } from "../public-images.js";
import { op, toDate, type Handler, type ServiceContext } from "./context.js";

const MAX_NAME_LENGTH = 2048;
const MAX_NAMES = 10;

/** A name given as the parameter's ARN (`arn:aws:ssm:<region>::parameter/aws/…`) → its name. */
function nameOf(ctx: ServiceContext, given: string): string {
  const prefix = `arn:aws:ssm:${ctx.region}::parameter/`;
  return given.startsWith(prefix) ? `/${given.slice(prefix.length)}` : given;
}

function validationError(value: string, member: string, constraint: string) {
  return awsError(
    "ValidationException",
    `1 validation error detected: Value ${value} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

function checkName(name: unknown, member: string): string {
  if (typeof name !== "string") throw validationError("null", member, "Member must not be null");
  if (name.length < 1 || name.length > MAX_NAME_LENGTH)
    throw validationError(
      `'${name}'`,
      member,
      `Member must have length ${name.length < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_NAME_LENGTH}`}`,
    );
  return name;
}

function parameterOf(ctx: ServiceContext, given: string): Parameter | undefined {
  const name = nameOf(ctx, given);
  const found = publicParameter(ctx.region, name);
  if (found === undefined) return undefined;
  return {
    Name: name,
    Type: "String",
    Value: found.image.id,
    Version: found.version,
    LastModifiedDate: toDate(found.image.createdAt),
    ARN: `arn:aws:ssm:${ctx.region}::parameter${name}`,
    DataType: "aws:ec2:image",
  };
}

function getParameter(ctx: ServiceContext, input: GetParameterRequest): GetParameterResult {
  const name = checkName(input.Name, "name");
  const parameter = parameterOf(ctx, name);
  // AWS answers an unknown name with an empty message.
  if (parameter === undefined) throw awsError("ParameterNotFound", "");
  return { Parameter: parameter };
}

function getParameters(ctx: ServiceContext, input: GetParametersRequest): GetParametersResult {
  const names = input.Names;
  if (!Array.isArray(names)) throw validationError("null", "names", "Member must not be null");
  if (names.length < 1 || names.length > MAX_NAMES)
    throw validationError(
      `'[${names.join(", ")}]'`,
      "names",
      `Member must have length ${names.length < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_NAMES}`}`,
    );
  names.forEach((n, i) => checkName(n, `names.${i + 1}.member`));
  const parameters: Parameter[] = [];
  const invalid: string[] = [];
  for (const name of new Set(names)) {
    const parameter = parameterOf(ctx, name);
    if (parameter === undefined) invalid.push(name);
    else parameters.push(parameter);
  }
  return { Parameters: parameters, InvalidParameters: invalid };
}

export const SSM_HANDLERS: Readonly<Record<string, Handler>> = {
  GetParameter: op(getParameter),
  GetParameters: op(getParameters),
};
