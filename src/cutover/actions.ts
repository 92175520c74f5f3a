/**
 * Carrying out one action: a program run through execa (argv, never a shell), an HTTP
 * check, an observation with periodic checks. Every try writes its output to its own
 * log file; the engine journals the result. Gates and Pulumi are the engine's and the
 * driver's (src/cutover/engine.ts, src/cutover/pulumi.ts).
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as path from "node:path";
import { rsyncStatsBytes } from "../migration/cutover/measure";
import { durationMs, type Check, type HttpAction, type RunAction, type WaitAction } from "../migration/cutover/model";
import type { Clock } from "./journal-file";

export interface TryResult {
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly error?: string;
  /** Data it moved, where measured (the step's `measure`, or rsync --stats in its log). */
  readonly bytes?: number;
}

/** execa is ESM only; the CLI is CommonJS, so it is loaded once, on first use. */
// typescript-eslint cannot resolve an ESM type imported into CommonJS (TypeScript can: tsc checks it).
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
let execaModule: Promise<typeof import("execa", { with: { "resolution-mode": "import" } })> | undefined;
const loadExeca = () => (execaModule ??= import("execa"));

export async function runProgram(action: RunAction, cwd: string, logFile: string): Promise<TryResult> {
  const { execa } = await loadExeca();
  const workdir = action.cwd ? path.resolve(cwd, action.cwd) : cwd;
  fs.appendFileSync(
    logFile,
    `$ ${action.argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ")}\n`,
  );
  const [file, ...args] = action.argv as [string, ...string[]];
  // One descriptor for both streams: the log keeps their order, and no stream per process.
  const log = fs.openSync(logFile, "a");
  // execa 9 takes a file descriptor here at run time (as child_process does), though its
  // types leave numbers out for stdout and stderr: hence the cast.
  const fd = log as unknown as "inherit";
  let result;
  try {
    result = await execa(file, args, {
      cwd: workdir,
      env: action.env ?? {},
      extendEnv: true,
      reject: false,
      stdin: "ignore",
      stdout: fd,
      stderr: fd,
      ...(action.timeout ? { timeout: durationMs(action.timeout) } : {}),
    });
  } finally {
    fs.closeSync(log);
  }
  if (result.timedOut)
    return { ok: false, exitCode: result.exitCode ?? null, error: `timed out after ${action.timeout}` };
  if (result.exitCode === undefined)
    return {
      ok: false,
      exitCode: null,
      error: result.signal ? `killed by ${result.signal}` : (result.originalMessage ?? result.shortMessage),
    };
  const ok = action.okExitCodes.includes(result.exitCode);
  const bytes = ok ? measured(action, workdir, logFile) : undefined;
  return ok
    ? { ok, exitCode: result.exitCode, ...(bytes !== undefined ? { bytes } : {}) }
    : {
        ok,
        exitCode: result.exitCode,
        error: `exit code ${result.exitCode} (accepted: ${action.okExitCodes.join(", ")})`,
      };
}

/** The bytes a finished program moved: the size of what it declares, else what rsync --stats said. */
function measured(action: RunAction, workdir: string, logFile: string): number | undefined {
  if (action.measure !== undefined) {
    const target = path.resolve(workdir, action.measure);
    fs.appendFileSync(logFile, `measured ${target}\n`);
    return sizeOf(target);
  }
  return rsyncStatsBytes(fs.readFileSync(logFile, "utf8"));
}

/** A file's size, or a folder's files' sizes added up (links not followed); 0 when it is missing. */
export function sizeOf(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  return fs.readdirSync(target).reduce((n, name) => n + sizeOf(path.join(target, name)), 0);
}

export async function httpCheck(action: HttpAction, logFile: string): Promise<TryResult> {
  fs.appendFileSync(logFile, `> ${action.method} ${action.url}\n`);
  try {
    const response = await request(action.method, action.url, durationMs(action.timeout));
    fs.appendFileSync(logFile, `< ${response.status}\n${response.body.slice(0, 65_536)}\n`);
    if (response.status !== action.status)
      return { ok: false, exitCode: null, error: `HTTP ${response.status}, expected ${action.status}` };
    if (action.body !== undefined && !new RegExp(action.body).test(response.body))
      return { ok: false, exitCode: null, error: `the body does not match /${action.body}/` };
    return { ok: true, exitCode: null };
  } catch (cause) {
    const message = (cause as Error).message;
    fs.appendFileSync(logFile, `! ${message}\n`);
    return { ok: false, exitCode: null, error: message };
  }
}

/**
 * One request on a fresh connection (no keep-alive pool): a smoke check tests the path a
 * user's new connection takes, and a proxy reloaded by the switch closes pooled sockets.
 */
function request(method: string, url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      { method, agent: false, timeout: timeoutMs, headers: { connection: "close" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

export async function check(action: Check, cwd: string, logFile: string): Promise<TryResult> {
  return action.kind === "run" ? runProgram(action, cwd, logFile) : httpCheck(action, logFile);
}

/**
 * Observes until `for` has passed since the phase first started (a resumed run waits only
 * for what is left), running the checks every `every`; one failure fails the observation.
 */
export async function observe(
  action: WaitAction,
  since: Date,
  clock: Clock,
  cwd: string,
  logFile: string,
): Promise<TryResult> {
  const until = since.getTime() + durationMs(action.for);
  const every = durationMs(action.every);
  for (;;) {
    for (const c of action.checks) {
      const result = await check(c, cwd, logFile);
      if (!result.ok)
        return { ok: false, exitCode: result.exitCode, error: `observation check failed: ${result.error}` };
    }
    const left = until - clock.now().getTime();
    if (left <= 0) return { ok: true, exitCode: null };
    await clock.sleep(Math.min(every, left));
  }
}
