import { describe, expect, test } from "vitest";
import { csvField, renderInventoryCsv } from "../../../src/report/inventory/csv.js";
import { inventoryResult, RDS_FAILURE, record, SAMPLE_RESOURCES } from "../../_helpers/inventory-fixtures.js";

describe("csvField quotes per RFC 4180", () => {
  test.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1", "'+1"],
    ["-x", "'-x"],
    ["@cmd", "'@cmd"],
    ["=a,b", `"'=a,b"`],
  ])("%j → %j", (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe("renderInventoryCsv", () => {
  test("writes the header, then one CRLF-terminated row per resource in result order", () => {
    const csv = renderInventoryCsv(inventoryResult(SAMPLE_RESOURCES));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("account,region,service,type,id,name,state,arn,tags,error");
    expect(lines).toHaveLength(SAMPLE_RESOURCES.length + 2);
    expect(lines.at(-1)).toBe("");
    expect(lines[1]).toBe(
      "333333333333,us-east-1,ec2,instance,i-0123456789abcdef0,web-1,running,arn:aws:ec2:us-east-1:333333333333:instance/i-0123456789abcdef0,Name=web-1;Owner=platform-team,",
    );
  });

  test("formats tags as sorted k=v pairs, escaping ; = and \\ inside keys and values, and quotes the field", () => {
    const csv = renderInventoryCsv(
      inventoryResult([record({ id: "i-1", tags: { b: "x;y", a: "k=v", "c\\d": 'q"', z: "" } })]),
    );
    expect(csv.split("\r\n")[1]).toContain(',"a=k\\=v;b=x\\;y;c\\\\d=q"";z=",');
  });

  test("keeps a field with a line break in one quoted field", () => {
    const csv = renderInventoryCsv(inventoryResult([record({ id: "i-1", name: "line1\nline2" })]));
    expect(csv).toContain(',"line1\nline2",');
  });

  test("adds a partition-failure row per partition not read, with why in the state column and the error in the last", () => {
    const csv = renderInventoryCsv(inventoryResult(SAMPLE_RESOURCES, [RDS_FAILURE]));
    const last = csv.trimEnd().split("\r\n").at(-1) ?? "";
    expect(
      last.startsWith(
        "333333333333,eu-west-1,rds,partition-failure,333333333333/eu-west-1/rds,,not-permitted,,,",
      ),
    ).toBe(true);
    expect(last).toContain('"AccessDenied: access denied');
  });
});
