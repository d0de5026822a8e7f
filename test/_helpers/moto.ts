/** Starting a local moto server (a real AWS API endpoint on loopback) for endpoint tests. */
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";

/** Whether moto_server is installed here; tests that need it skip cleanly otherwise. */
export const hasMoto = spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.ok) return;
    } catch {
      // not up yet: try again shortly
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not start at ${url}`);
}
