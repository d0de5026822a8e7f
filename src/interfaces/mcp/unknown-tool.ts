/**
 * An unknown tool name is a protocol error (JSON-RPC -32602 Invalid params), as the MCP
 * specification's tools page says, while a known tool called with arguments that fail its input
 * schema stays a tool result with isError (SEP-1303, specification 2025-11-25: the model sees the
 * message and corrects its call). The SDK's McpServer 1.x answers both as isError results, so
 * its tools/call handler is wrapped: names it does not know are answered before it runs.
 *
 * The SDK keeps its handlers and tools in private fields; this reads them, and
 * test/interfaces/mcp/mcp-tools.test.ts fails if an SDK upgrade moves them.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, ErrorCode, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";

type RawHandler = (request: unknown, extra: unknown) => Promise<unknown>;

export function answerUnknownToolsAsProtocolErrors(server: McpServer): void {
  const internals = server as unknown as { _registeredTools?: Record<string, unknown> };
  const protocol = server.server as unknown as { _requestHandlers?: Map<string, RawHandler> };
  const tools = internals._registeredTools;
  const sdkCall = protocol._requestHandlers?.get("tools/call");
  if (tools === undefined || sdkCall === undefined) {
    throw new Error(
      "@modelcontextprotocol/sdk changed its internals: update src/interfaces/mcp/unknown-tool.ts",
    );
  }
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    if (!Object.hasOwn(tools, name)) {
      // The wire carries the message as given (McpError's own would add its "MCP error -32602:"
      // prefix, which the client adds again); the client turns it into an McpError.
      throw Object.assign(
        new Error(
          `unknown tool "${name}"; the tools are: ${Object.keys(tools).join(", ")} (tools/list describes them)`,
        ),
        { code: ErrorCode.InvalidParams },
      );
    }
    return (await sdkCall(request, extra)) as CallToolResult;
  });
}
