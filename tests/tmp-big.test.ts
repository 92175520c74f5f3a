import { it } from "vitest";
import * as fs from "node:fs";
import { runCli } from "./support/cli";
it("deep", async () => {
  const deep = '{"a":'.repeat(100000) + "1" + "}".repeat(100000); const deep2 = '{"a":'.repeat(100000) + "2" + "}".repeat(100000);
  const mk = (v: string) => `{"stack":"dev","violations":[],"resources":[{"urn":"urn:pulumi:dev::govcloud::t::a","type":"t","name":"a","parent":"","inputs":{"x":${v}}}]}`;
  fs.writeFileSync("/tmp/deep-a.json", mk(deep)); fs.writeFileSync("/tmp/deep-b.json", mk(deep2));
  const r = await runCli(process.cwd(), ["diff", "/tmp/deep-a.json", "/tmp/deep-b.json", "--markdown"]);
  console.log(r.code, r.err.slice(0, 600), r.out.slice(0, 200));
  const r2 = await runCli(process.cwd(), ["diff", "/tmp/deep-a.json", "/tmp/deep-a.json"]);
  console.log(r2.code, r2.err.slice(0, 600), r2.out.slice(0, 200));
}, 600000);
