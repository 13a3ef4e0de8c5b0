// Writes every bash `run:` block of the given workflows to its own file in OUT_DIR, for shellcheck.
// Each `${{ ... }}` becomes a placeholder word first, as actionlint does: shellcheck cannot read
// expressions, and an expression inside `run:` is flagged by the workflow tests anyway.
// Usage: node extract-run-blocks.mjs OUT_DIR workflow.yml...
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { LineCounter, parseDocument } from "yaml";

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error("usage: node extract-run-blocks.mjs OUT_DIR workflow.yml...");
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
  const workflow = document.toJS() ?? {};
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    (job.steps ?? []).forEach((step, index) => {
      if (typeof step.run !== "string") return;
      const shell = shellOf(step.shell, job.defaults?.run?.shell, workflow.defaults?.run?.shell);
      if (!/^(bash|sh)\b/.test(shell)) return;
      const node = document.getIn(["jobs", jobId, "steps", index, "run"], true);
      const line = node?.range ? lines.linePos(node.range[0]).line : 0;
      const script = step.run.replace(/\$\{\{[\s\S]*?\}\}/g, "GHA_EXPRESSION");
      const target = join(outDir, `${basename(file)}.${jobId}.step${index + 1}.sh`);
      writeFileSync(target, `#!/usr/bin/env bash\n# ${file}:${line} (job ${jobId}, step ${index + 1})\n${script}`);
      written++;
    });
  }
}
console.log(`Extracted ${written} run block(s) from ${files.length} workflow(s).`);
