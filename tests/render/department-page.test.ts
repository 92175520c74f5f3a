/**
 * A department's page as its IT officer reads it: it opens with what to do and by when
 * (census form, plan, extranet, each system to prepare, each cutover night, retirements,
 * private lines, rooms, expiring approvals), gives each retained system a section with
 * its approval, expiry and what happens then, and shows the tenant quota in the units
 * and numbers the stacks deploy (GiB; each namespace's ResourceQuota).
 */
import { describe, expect, it } from "vitest";
import { namespaceSpecs } from "../../src/components/department-tenant/spec";
import { DEFAULT_RULES } from "../../src/migration/inventory/planner-rules";
import { createContext } from "../../src/migration/plan/render/context";
import { renderDepartments } from "../../src/migration/plan/render/departments";
import { zhoucunPlan } from "./support";

describe("the department page", async () => {
  const { inventory, plan } = await zhoucunPlan();
  const ctx = createContext(plan, inventory, "en");
  const pages = renderDepartments(ctx);
  const page = (id: string) => pages.get(`departments/${id}.md`)!;

  it("opens with the department's actions, by date, naming each cutover night and retirement", () => {
    for (const department of ctx.departments) {
      const text = page(department.id);
      const sections = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(sections[0], department.id).toBe("What the department must do, and when");
      const table = text.split("## What the department must do, and when")[1]!.split("\n## ")[0]!;
      const dates = [...table.matchAll(/^\| (\d{4}-\d{2}-\d{2}) \|/gm)].map((m) => m[1]!);
      expect(dates).toEqual([...dates].sort());
      expect(table).toContain(`| ${plan.settings.milestones.inventoryBy} | Return the census`);
      for (const s of ctx.systemsOf(department.id).filter((x) => x.cutoverDate !== null)) {
        const row = table
          .split("\n")
          .find((line) => line.startsWith(`| ${s.cutoverDate} |`) && line.includes(`(${s.id})`));
        expect(row, `${department.id}: ${s.id} on ${s.cutoverDate}`).toBeDefined();
      }
    }
  });

  it("says when the private lines go, or which systems keep them", () => {
    for (const m of plan.milestones.filter((x) => x.kind === "private-lines")) {
      const text = page(m.subject!);
      if (m.date) expect(text).toContain(`| ${m.date} | Withdraw the business private lines`);
      else for (const id of m.blockers) expect(text).toMatch(new RegExp(`cannot be withdrawn yet.*\\(${id}\\)`));
    }
  });

  it("gives each retained system a section with its approval, its expiry and what happens then", () => {
    const retained = plan.systems.filter((s) => s.disposition === "retain");
    expect(retained.length).toBeGreaterThan(0);
    for (const s of retained) {
      const text = page(s.department);
      const section = text.split(`### ${s.name} (${s.id})`)[1]?.split(/\n##/)[0];
      expect(section, s.id).toBeDefined();
      const r = inventory.systems.find((x) => x.id === s.id)!.retain!;
      expect(section).toContain(`| Valid until | ${r.until} |`);
      expect(section).toContain(`By ${r.until}, renew the approval`);
      expect(text).toContain(`| ${r.until} | Approval expires`);
    }
  });

  it("shows the quota in GiB, each namespace with the numbers its ResourceQuota deploys", () => {
    const headroom = (inventory.policy?.rules ?? DEFAULT_RULES).sizing.quotaHeadroomPct;
    for (const q of plan.quotas) {
      const text = page(q.department);
      expect(text).not.toMatch(/MiB|\(GB\)/);
      const deployed = namespaceSpecs(
        { department: q.department, domains: q.domains } as never,
        plan.systems,
        headroom,
      );
      expect(deployed.map((d) => ({ ...d, name: undefined }))).toEqual(
        q.namespaces.map((n) => ({ ...n, name: undefined })),
      );
      for (const ns of deployed) {
        const label = ns.domain === "admin" ? "administrative-service" : "public-service";
        const memory = new RegExp(`\\| Container memory \\(GiB\\), ${label}[^|]* namespace \\| ([\\d.,]+) \\|`).exec(
          text,
        );
        expect(memory, `${q.department} ${ns.domain}`).not.toBeNull();
        expect(Number(memory![1]!.replace(/,/g, ""))).toBe(ns.memoryMi / 1024);
      }
    }
  });
});
