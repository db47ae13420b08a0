// The tally every validator writes into: checks that passed or failed, findings
// counted per validator and per kind, accepted exceptions, and pending checks
// (checks that wait for work not done yet: they run and are reported, but do not
// fail the run until that work lands — and fail once they pass, so that nobody
// forgets to make them real checks).

export class Report {
  constructor() {
    this.passed = 0;
    this.failed = [];
    this.pendingByName = new Map();
    /** validator -> label -> number */
    this.counts = new Map();
  }

  /** Counts `n` under a validator's label (e.g. "nu", "email errors"). */
  count(validator, label, n = 1) {
    if (!this.counts.has(validator)) this.counts.set(validator, new Map());
    const labels = this.counts.get(validator);
    labels.set(label, (labels.get(label) ?? 0) + n);
  }

  /** A check: passes when `problems` is empty, else fails listing them. */
  check(name, problems) {
    const list = Array.isArray(problems) ? problems : problems ? [String(problems)] : [];
    if (list.length === 0) {
      this.passed += 1;
    } else {
      this.failed.push({ name, problems: list });
    }
  }

  /**
   * A check that waits for `reason` (work planned elsewhere). Calls with the same
   * name (one per issue) add up to one check: while any issue has problems it is
   * reported as pending; once it passes on every issue, the run fails and asks for
   * it to be made a real check.
   */
  pendingCheck(name, reason, problems) {
    const list = Array.isArray(problems) ? problems : problems ? [String(problems)] : [];
    const entry = this.pendingByName.get(name) ?? { name, reason, problems: [] };
    entry.problems.push(...list);
    this.pendingByName.set(name, entry);
  }

  get pending() {
    return [...this.pendingByName.values()].filter((entry) => entry.problems.length > 0);
  }

  get pendingNowPassing() {
    return [...this.pendingByName.values()].filter((entry) => entry.problems.length === 0);
  }

  get ok() {
    return this.failed.length === 0 && this.pendingNowPassing.length === 0;
  }

  print(out = console.log) {
    out('');
    out('Findings per validator:');
    for (const [validator, labels] of this.counts) {
      const parts = [...labels].map(([label, n]) => `${label} ${n}`);
      out(`  ${validator}: ${parts.join(', ')}`);
    }
    if (this.pending.length > 0) {
      out('');
      out(`Pending checks (${this.pending.length}; they wait for planned work and do not fail the run):`);
      for (const { name, reason, problems } of this.pending) {
        out(`  pending: ${reason}: ${name}`);
        for (const problem of problems.slice(0, 3)) out(`      ${problem}`);
        if (problems.length > 3) out(`      … and ${problems.length - 3} more`);
      }
    }
    if (this.pendingNowPassing.length > 0) {
      out('');
      out('Pending checks that pass now: make them real checks (tests/validators/lib/*.mjs, pendingCheck → check):');
      for (const { name, reason } of this.pendingNowPassing) out(`  FAILED: ${name} (was pending: ${reason})`);
    }
    if (this.failed.length > 0) {
      out('');
      out('Failed checks:');
      for (const { name, problems } of this.failed) {
        out(`  FAILED: ${name}`);
        for (const problem of problems.slice(0, 20)) out(`      ${problem}`);
        if (problems.length > 20) out(`      … and ${problems.length - 20} more`);
      }
    }
    out('');
    const failed = this.failed.length + this.pendingNowPassing.length;
    out(`validators: ${this.pending.length} pending`);
    out(`validators: ${this.passed} passed, ${failed} failed`);
  }
}
