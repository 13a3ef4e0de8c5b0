// Writes every bash `run:` block of the given workflows and composite actions (action.yml) to its own file
// in OUT_DIR, for shellcheck. Each `${{ ... }}` becomes a placeholder word first, as actionlint does:
// shellcheck cannot read expressions, and an expression inside `run:` is flagged by the workflow tests anyway.
// Usage: node extract-run-blocks.mjs OUT_DIR workflow-or-action.yml...
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { LineCounter, parseDocument } from "yaml";

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error("usage: node extract-run-blocks.mjs OUT_DIR workflow-or-action.yml...");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const shellOf = (...candidates) => candidates.find((s) => typeof s === "string") ?? "bash";
let written = 0;
for (const file of files) {
  const lines = new LineCounter();
  const document = parseDocument(readFileSync(file, "utf8"), { lineCounter: lines });
  if (document.errors.length > 0) {
    console.error(`${file}: ${document.errors[0].message}`);
    process.exit(1);
  }
  const content = document.toJS() ?? {};
  // A workflow's steps are under jobs.<id>.steps; a composite action's under runs.steps (its shell is required).
  const stepLists = content.runs?.using === "composite"
    ? [{ name: "action", path: ["runs", "steps"], steps: content.runs.steps ?? [], shells: [] }]
    : Object.entries(content.jobs ?? {}).map(([jobId, job]) => ({
        name: jobId,
        path: ["jobs", jobId, "steps"],
        steps: job.steps ?? [],
        shells: [job.defaults?.run?.shell, content.defaults?.run?.shell],
      }));
  for (const { name, path, steps, shells } of stepLists) {
    steps.forEach((step, index) => {
      if (typeof step.run !== "string") return;
      const shell = shellOf(step.shell, ...shells);
      if (!/^(bash|sh)\b/.test(shell)) return;
      const node = document.getIn([...path, index, "run"], true);
      const line = node?.range ? lines.linePos(node.range[0]).line : 0;
      const script = step.run.replace(/\$\{\{[\s\S]*?\}\}/g, "GHA_EXPRESSION");
      const prefix = basename(file) === "action.yml" ? `${basename(dirname(file))}.action` : basename(file);
      const target = join(outDir, `${prefix}.${name}.step${index + 1}.sh`);
      writeFileSync(target, `#!/usr/bin/env bash\n# ${file}:${line} (${name}, step ${index + 1})\n${script}`);
      written++;
    });
  }
}
console.log(`Extracted ${written} run block(s) from ${files.length} workflow(s) and action(s).`);
