import assert from "node:assert/strict";

/** Exactly one finding, on one line, that says what the pattern says. */
export function assertOneFinding(findings: readonly string[], pattern: RegExp): void {
    assert.equal(findings.length, 1, `expected one finding, got ${JSON.stringify(findings)}`);
    assertFindingLine(findings[0], pattern);
}

/** At least one finding says what the pattern says; every finding is one line. */
export function assertSomeFinding(findings: readonly string[], pattern: RegExp): void {
    assert.ok(findings.length > 0, "expected a finding, got none");
    findings.forEach(f => assert.ok(!/[\r\n]/.test(f), `finding spans lines: ${f}`));
    assert.ok(findings.some(f => pattern.test(f)), `no finding matches ${pattern}: ${JSON.stringify(findings)}`);
}

export function assertFindingLine(finding: string, pattern: RegExp): void {
    assert.ok(!/[\r\n]/.test(finding), `finding spans lines: ${finding}`);
    assert.match(finding, pattern);
    // Every message says what to do, after a colon.
    assert.match(finding, /: \S/);
}
