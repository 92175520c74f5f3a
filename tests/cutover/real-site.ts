/**
 * A real "old room" and "cloud" on loopback for the cutover tests: two PostgreSQL
 * clusters made with initdb (run as the postgres user when the tests run as root:
 * initdb refuses root), a file tree for rsync, two small HTTP applications and an nginx
 * whose upstream the switch step changes and reloads. No mocks of the tools: when one
 * is missing the tests say which and skip (.ci/run installs them).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const PG_BIN = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"].find((d) =>
  fs.existsSync(path.join(d, "initdb")),
);

function which(tool: string): string | undefined {
  const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** What is missing for the real-tool tests (empty: all there). */
export function missingTools(): string[] {
  const missing: string[] = [];
  if (!PG_BIN) missing.push("postgresql (initdb, pg_ctl)");
  for (const tool of ["psql", "pg_dump", "rsync", "nginx"]) if (!which(tool)) missing.push(tool);
  if (process.getuid?.() === 0 && spawnSync("id", ["postgres"]).status !== 0)
    missing.push("a postgres user (initdb refuses root)");
  return missing;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

const asRoot = process.getuid?.() === 0;
/** Runs a PostgreSQL server binary as the postgres user when we are root. */
function pgTool(tool: string, args: string[]): void {
  const bin = path.join(PG_BIN!, tool);
  if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", bin, ...args], { stdio: "pipe" });
  else execFileSync(bin, args, { stdio: "pipe" });
}

export interface Cluster {
  readonly port: number;
  readonly dir: string;
  psql(sql: string, db?: string): string;
  stop(): void;
}

export async function startCluster(dir: string): Promise<Cluster> {
  fs.mkdirSync(dir, { recursive: true });
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const port = await freePort();
  pgTool("initdb", ["-D", path.join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
  pgTool("pg_ctl", [
    "-D",
    path.join(dir, "data"),
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  const cluster: Cluster = {
    port,
    dir,
    psql: (sql, db = "postgres") =>
      execFileSync(
        "psql",
        ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
        { encoding: "utf8" },
      ).trim(),
    stop: () => {
      try {
        pgTool("pg_ctl", ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"]);
      } catch {
        /* already stopped */
      }
    },
  };
  return cluster;
}

export interface App {
  readonly port: number;
  close(): Promise<void>;
}

/** A tiny application: answers every path with its name; /health with `healthStatus`. */
export async function startApp(name: string, healthStatus = 200): Promise<App> {
  const port = await freePort();
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === "/health" ? healthStatus : 200, { "content-type": "text/plain" });
    res.end(`${name}\n`);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Nginx {
  readonly port: number;
  readonly prefix: string;
  /** The file the switch swaps: it names the upstream. */
  readonly upstreamFile: string;
  readonly conf: string;
  stop(): void;
}

/** nginx in a temp prefix, proxying to the upstream written in upstream.conf. */
export async function startNginx(prefix: string, upstreamPort: number): Promise<Nginx> {
  fs.mkdirSync(path.join(prefix, "logs"), { recursive: true });
  const port = await freePort();
  const upstreamFile = path.join(prefix, "upstream.conf");
  fs.writeFileSync(upstreamFile, upstreamConf(upstreamPort));
  const conf = path.join(prefix, "nginx.conf");
  fs.writeFileSync(
    conf,
    `${asRoot ? "user root;\n" : ""}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  include ${upstreamFile};
  server { listen 127.0.0.1:${port}; location / { proxy_pass http://app; } }
}
`,
  );
  execFileSync("nginx", ["-p", prefix, "-c", conf], { stdio: "pipe" });
  return {
    port,
    prefix,
    upstreamFile,
    conf,
    stop: () => {
      spawnSync("nginx", ["-p", prefix, "-c", conf, "-s", "stop"], { stdio: "pipe" });
    },
  };
}

export const upstreamConf = (port: number) => `upstream app { server 127.0.0.1:${port}; }\n`;

export function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `govcloud-${name}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}
