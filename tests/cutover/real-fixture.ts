/**
 * The cutover tests' site: the sample dataset copied with its wave 2018-05-12-a deployed,
 * an old room (PostgreSQL database `registry` and a file tree) and a cloud (an empty
 * PostgreSQL cluster and folder), nginx in front, and a cutover.yaml that moves
 * edu-student-registry for real: freeze by making the database read-only, pg_dump and
 * psql into the cloud cluster, rsync --checksum the files, compare both, swap nginx's
 * upstream and reload, smoke checks through nginx.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { runCli } from "../support/cli";
import {
  startApp,
  startCluster,
  startNginx,
  tempDir,
  upstreamConf,
  type App,
  type Cluster,
  type Nginx,
} from "./real-site";

export const ROOT = path.resolve(__dirname, "..", "..");
export const WAVE = "2018-05-12-a";
export const SYSTEM = "edu-student-registry";
/** Inside the wave's window (22:00–08:00 city time), with room for the 3.35 h of in-window work. */
export const IN_WINDOW = "2018-05-12T22:05";

export interface Site {
  readonly dir: string;
  readonly dataset: string;
  readonly state: string;
  readonly old: Cluster;
  readonly cloud: Cluster;
  readonly oldApp: App;
  readonly cloudApp: App;
  readonly nginx: Nginx;
  /** Extra YAML under systems.edu-student-registry (a scenario's own phases). */
  writeActions(systemOverride?: string): void;
  get(pathname: string): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function makeSite(name: string, options: { cloudHealth?: number } = {}): Promise<Site> {
  const dir = tempDir(name);
  fs.cpSync(path.join(ROOT, "inventories", "zhoucun"), path.join(dir, "zhoucun"), { recursive: true });
  fs.rmSync(path.join(dir, "zhoucun", "cutover.yaml"));
  fs.copyFileSync(path.join(ROOT, "inventories", "zhoucun.lock.yaml"), path.join(dir, "zhoucun.lock.yaml"));
  const waves = await runCli(dir, ["waves", "zhoucun", "--set", `${WAVE}=deployed`]);
  if (waves.code !== 0) throw new Error(waves.err);

  const old = await startCluster(path.join(dir, "old-room", "pg"));
  const cloud = await startCluster(path.join(dir, "cloud", "pg"));
  old.psql("CREATE DATABASE registry");
  old.psql(
    "CREATE TABLE citizens (id int PRIMARY KEY, name text NOT NULL); " +
      "INSERT INTO citizens SELECT g, 'citizen ' || g FROM generate_series(1, 500) g",
    "registry",
  );
  const files = path.join(dir, "old-room", "files");
  fs.mkdirSync(path.join(files, "scans", "2017"), { recursive: true });
  for (let i = 0; i < 20; i++)
    fs.writeFileSync(path.join(files, "scans", "2017", `${i}.txt`), `scan ${i}\n`.repeat(100 + i));
  fs.writeFileSync(path.join(files, "index.html"), "<h1>学籍</h1>\n");
  fs.mkdirSync(path.join(dir, "cloud", "files"), { recursive: true });

  const oldApp = await startApp("old-room");
  const cloudApp = await startApp("cloud", options.cloudHealth ?? 200);
  const nginx = await startNginx(path.join(dir, "nginx"), oldApp.port);
  fs.writeFileSync(path.join(dir, "upstream-old.conf"), upstreamConf(oldApp.port));
  fs.writeFileSync(path.join(dir, "upstream-cloud.conf"), upstreamConf(cloudApp.port));
  fs.writeFileSync(path.join(dir, "compare.js"), COMPARE);

  const site: Site = {
    dir,
    dataset: path.join(dir, "zhoucun"),
    state: path.join(dir, "state"),
    old,
    cloud,
    oldApp,
    cloudApp,
    nginx,
    writeActions: (systemOverride = "") =>
      fs.writeFileSync(path.join(dir, "zhoucun", "cutover.yaml"), actions(site, systemOverride)),
    // A fresh connection each time, as a user's browser after the switch: nginx's reload
    // closes the sockets a pooled client would reuse.
    get: (pathname) =>
      new Promise((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port: nginx.port, path: pathname, agent: false }, (res) => {
            let body = "";
            res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          })
          .on("error", reject);
      }),
    stop: async () => {
      nginx.stop();
      old.stop();
      cloud.stop();
      await oldApp.close();
      await cloudApp.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  site.writeActions();
  return site;
}

/**
 * Compares the citizens table of two clusters (row count and an MD5 of every row in order): exit 1 when they differ.
 */
const COMPARE = `const { execFileSync } = require("node:child_process");
const DIGEST = "SELECT count(*) || ' ' || md5(string_agg(id || ':' || name, ',' ORDER BY id)) FROM citizens";
const digest = (port) =>
  execFileSync("psql", ["-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "registry", "-At", "-c", DIGEST], {
    encoding: "utf8",
  }).trim();
const [a, b] = [digest(process.argv[2]), digest(process.argv[3])];
console.log("source", a); console.log("target", b);
process.exit(a === b ? 0 : 1);
`;

const READ_ONLY = "ALTER DATABASE registry SET default_transaction_read_only";
const END_SESSIONS = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'registry'";

function actions(site: Site, systemOverride: string): string {
  const psql = (port: string, db: string, sql: string) =>
    `[psql, -h, 127.0.0.1, -p, "${port}", -U, postgres, -d, ${db}, -v, ON_ERROR_STOP=1, -c, "${sql}"]`;
  const schema = path.relative(
    path.join(site.dir, "zhoucun"),
    path.join(ROOT, "inventories", "schema", "cutover.schema.json"),
  );
  const overrides = systemOverride ? `systems:\n  ${SYSTEM}:\n${systemOverride.replace(/^/gm, "    ")}\n` : "";
  return `# yaml-language-server: $schema=${schema}
version: 1
defaults:
  vars:
    old.pg: "${site.old.port}"
    cloud.pg: "${site.cloud.port}"
    site.dir: ${site.dir}
    site.reload: ${path.join(ROOT, "examples", "local-cutover", "nginx-reload.sh")}
    nginx.url: http://127.0.0.1:${site.nginx.port}
    copy.pause: "0"
  phases:
    prepare:
      - { kind: pulumi, stack: "zhoucun-{target.tenant}" }
    announce: []
    freeze:
      - kind: run
        name: source read-only
        idempotent: true
        argv: ${psql("{old.pg}", "postgres", `${READ_ONLY} = on`)}
      - kind: run
        name: end open sessions
        idempotent: true
        argv: ${psql("{old.pg}", "postgres", END_SESSIONS)}
    offline-copy:
      - kind: run
        name: dump the source
        idempotent: true
        argv: [pg_dump, -h, 127.0.0.1, -p, "{old.pg}", -U, postgres, -d, registry, --no-owner,
               -f, "{site.dir}/registry.sql"]
      - kind: run
        name: create the target database
        idempotent: false
        argv: ${psql("{cloud.pg}", "postgres", "CREATE DATABASE registry")}
      - kind: run
        name: load the dump
        idempotent: false
        argv: [psql, -h, 127.0.0.1, -p, "{cloud.pg}", -U, postgres, -d, registry, -v, ON_ERROR_STOP=1,
               -q, -f, "{site.dir}/registry.sql"]
      - kind: run
        name: copy the files
        idempotent: true
        argv: [rsync, -a, --checksum, --delete, "{site.dir}/old-room/files/", "{site.dir}/cloud/files/"]
      - { kind: run, name: the rest of a long copy, idempotent: true, argv: [sleep, "{copy.pause}"] }
    verify:
      - kind: run
        name: compare the databases
        idempotent: true
        argv: [node, "{site.dir}/compare.js", "{old.pg}", "{cloud.pg}"]
      - kind: run
        name: compare the files
        idempotent: true
        argv: [diff, -r, "{site.dir}/old-room/files", "{site.dir}/cloud/files"]
    switch-traffic:
      - kind: run
        name: nginx upstream to the cloud
        idempotent: true
        argv: [cp, "{site.dir}/upstream-cloud.conf", "{site.dir}/nginx/upstream.conf"]
      - kind: run
        name: nginx reload
        idempotent: true
        argv: ["{site.reload}", "{site.dir}/nginx", "{site.dir}/nginx/nginx.conf"]
    smoke:
      - kind: http
        name: the cloud answers through nginx
        url: "{nginx.url}/"
        body: "^cloud"
        retries: 30
        retryDelay: 100ms
      # The reload step returns once the old workers are gone, so every answer now comes from the cloud.
      - kind: http
        name: health through nginx
        url: "{nginx.url}/health"
        status: 200
        body: "^cloud"
        retries: 2
        retryDelay: 100ms
    observe:
      - kind: wait
        for: 1s
        every: 300ms
        checks: [{ kind: http, url: "{nginx.url}/health", status: 200, body: "^cloud" }]
    finalize:
      - { kind: gate, name: the department signs off }
      - kind: run
        name: the old database stays read-only
        idempotent: true
        argv: ${psql("{old.pg}", "postgres", `${READ_ONLY} = on`)}
  rollbackCheck:
    - kind: run
      name: the source answers
      idempotent: true
      argv: ${psql("{old.pg}", "registry", "SELECT count(*) FROM citizens")}
  rollback:
    - kind: run
      name: source writable again
      idempotent: true
      argv: ${psql("{old.pg}", "postgres", `${READ_ONLY} = off`)}
    - kind: run
      name: nginx upstream back to the old room
      idempotent: true
      argv: [cp, "{site.dir}/upstream-old.conf", "{site.dir}/nginx/upstream.conf"]
    - kind: run
      name: nginx reload
      idempotent: true
      argv: ["{site.reload}", "{site.dir}/nginx", "{site.dir}/nginx/nginx.conf"]
    - kind: http
      name: the old room answers through nginx
      url: "{nginx.url}/"
      body: "^old-room"
      retries: 30
      retryDelay: 100ms
${overrides}`;
}

/** Whether the source database takes writes (a new session, as an application would open). */
export function sourceWritable(site: Site): boolean {
  try {
    site.old.psql("UPDATE citizens SET name = name WHERE id = 1", "registry");
    return true;
  } catch {
    return false;
  }
}

export function journalRecords(site: Site): Record<string, unknown>[] {
  return fs
    .readFileSync(path.join(site.state, "journal.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Waits until the journal holds a record that `wanted` accepts (a running executor may be
 * writing its last line: only complete lines are read). Fails after `seconds`.
 */
export async function waitForRecord(
  site: Site,
  wanted: (record: Record<string, unknown>) => boolean,
  seconds = 60,
): Promise<void> {
  const file = path.join(site.state, "journal.jsonl");
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    const records = complete
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    if (records.some(wanted)) return;
    if (Date.now() > deadline) throw new Error(`no such journal record after ${seconds} s in ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const cli = (site: Site, ...args: string[]) => runCli(site.dir, ["cutover", ...args, "--state", site.state]);

/**
 * The built binary in its own process group: `kill()` is a kill -9 of the executor and the step it runs, as a power cut
 * would.
 */
export function binary(site: Site, args: string[]): { kill: () => void; done: Promise<number> } {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "dist", "cli", "main.js"), "cutover", ...args, "--state", site.state],
    { cwd: site.dir, stdio: "ignore", detached: true },
  );
  const done = new Promise<number>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))),
  );
  return { kill: () => process.kill(-child.pid!, "SIGKILL"), done };
}

export { execFileSync };
