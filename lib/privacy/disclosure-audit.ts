// The disclosure audit (DESIGN.md §8, METHODS.md "Public aggregates"): for every suppressed figure,
// the smallest and largest values consistent with everything published for the audience must pin it
// neither to one value nor to a range inside 1…k−1.
//
// Model. Unknowns are cell variables (one per quarter × geography cell × category group; the same
// variable in every version of that quarter), all ≥ 0 and without upper bounds (a cell may be
// suppressed for too few distinct locations, so suppression implies no upper bound). Every published
// figure is a linear fact Σ x_v = value over its cells, coefficient 1 (cell values, totals, area sums,
// earlier versions' values). For each suppressed figure we solve min and max of Σ x_v over its cells,
// as integer (by default) or linear programs with HiGHS (CPLEX LP text), rounded inwards to whole incidents.
//
// Speed. Facts with one unknown fix it, and fixed values are substituted until nothing changes (exact,
// no LP needed: this is where a total that includes a suppressed cell is caught). What remains splits
// into connected components of the graph "two unknowns share a fact"; each suppressed figure only
// needs the LP of its own component, and figures whose unknowns appear in no remaining fact are
// [fixed part, ∞) without an LP, and a component of one equation has a closed form. Typical
// publications (totals of published cells only) need no LP.
//
// Versions. Facts over the same cells from different versions (a correction) are compared: a published
// change of 1…k−1 incidents is itself a small count ("a live count that moves by one is a leak") and is
// reported; the latest version's value is the one used in the LP, earlier values of cells that are no
// longer published still count (they pin the cell).
import highsLoader from 'highs';

/** One published figure: the sum of its cells' values (coefficient 1 each) equals `value`. */
export interface PublishedFact {
  /** Names the figure in reports, e.g. "2026-Q3 v1 Centrum · Våld och hot". */
  id: string;
  variables: readonly string[];
  value: number;
  /** Publication order (version) when facts come from several versions; later wins, differences are checked. */
  version?: number;
}

/** A figure published as "färre än k": the sum of its cells is unknown to the audience. */
export interface SuppressedFigure {
  id: string;
  variables: readonly string[];
}

export interface DisclosureAuditInput {
  facts: readonly PublishedFact[];
  suppressed: readonly SuppressedFigure[];
  k: number;
  /**
   * Bound with whole-number unknowns (default true). Counts are whole, and with overlapping figures
   * (a constraint matrix that is not totally unimodular) the LP relaxation's range can be wider than
   * what someone reasoning in whole incidents gets. Each bound is solved as an LP first; only when its
   * optimum is fractional is it solved again as an integer program (an integral LP optimum is already
   * the integer one), so the exact bounds cost little. false gives the plain LP of METHODS.md.
   */
  integer?: boolean;
}

export type LeakKind = 'pinned' | 'small-range' | 'version-difference' | 'inconsistent';

export interface DisclosureLeak {
  kind: LeakKind;
  /** The suppressed figure (or, for version differences, the later fact) that leaks. */
  id: string;
  min?: number;
  /** null when unbounded */
  max?: number | null;
  message: string;
}

export interface SuppressedRange {
  id: string;
  min: number;
  /** null when no published fact bounds it from above */
  max: number | null;
  leak: 'pinned' | 'small-range' | 'inconsistent' | null;
}

export interface DisclosureAuditResult {
  passed: boolean;
  k: number;
  leaks: DisclosureLeak[];
  ranges: SuppressedRange[];
  stats: {
    facts: number;
    suppressed: number;
    variables: number;
    fixedBySubstitution: number;
    components: number;
    linearPrograms: number;
    /** Of those, how many had a fractional optimum and were solved again with whole-number unknowns. */
    integerPrograms: number;
    milliseconds: number;
  };
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let solverPromise: Promise<Highs> | null = null;

/** HiGHS (WASM) is loaded once per process and reused: each solve() builds a fresh native model. */
function loadSolver(): Promise<Highs> {
  solverPromise ??= highsLoader().catch((err: unknown) => {
    solverPromise = null;
    throw err;
  });
  return solverPromise;
}

const EPS = 1e-6;
const setKey = (vars: readonly string[]) => [...new Set(vars)].sort().join('\u0001');

interface ReducedFact {
  vars: string[];
  rhs: number;
  ids: string[];
}

class UnionFind {
  private parent = new Map<string, string>();
  find(a: string): string {
    let p = this.parent.get(a) ?? a;
    if (p !== a) {
      p = this.find(p);
      this.parent.set(a, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

function lpText(sense: 'Minimize' | 'Maximize', objective: readonly string[], constraints: readonly ReducedFact[], name: (v: string) => string, integer: boolean): string {
  // Break long sums over lines: the LP format allows continuation and some readers cap line length.
  const sum = (vars: readonly string[]) => vars.map((v, i) => `${i && i % 16 === 0 ? '\n   ' : ''}${i ? '+ ' : ''}${name(v)}`).join(' ');
  const rows = constraints.map((c, i) => ` c${i}: ${sum(c.vars)} = ${c.rhs}`).join('\n');
  const all = [...new Set([...objective, ...constraints.flatMap((c) => c.vars)])];
  const generals = integer ? `Generals\n${all.map((v, i) => `${i % 16 === 0 ? '\n ' : ' '}${name(v)}`).join('')}\n` : '';
  return `${sense}\n obj: ${sum(objective)}\nSubject To\n${rows}\n${generals}End\n`;
}

function classify(min: number, max: number | null, k: number): 'pinned' | 'small-range' | null {
  if (max !== null && min === max) return 'pinned';
  if (max !== null && max <= k - 1 && min >= 1) return 'small-range';
  return null;
}

/**
 * Audits a publication against everything the audience can combine (DESIGN.md §8): returns each
 * suppressed figure's feasible range [min, max] and the leaks — a range of one value, a range inside
 * 1…k−1, a published change between versions of 1…k−1 incidents, or facts no non-negative counts can
 * satisfy (the audit then cannot vouch for anything in that component). Solved with HiGHS
 * (Huangfu & Hall 2018) as integer programs (or LPs, `integer: false`) per connected component.
 */
export async function auditDisclosure(input: DisclosureAuditInput): Promise<DisclosureAuditResult> {
  const started = performance.now();
  const { k } = input;
  const integer = input.integer ?? true;
  const leaks: DisclosureLeak[] = [];

  // 1. One effective value per set of cells: the latest version's. Published changes of 1…k−1 leak.
  const byKey = new Map<string, PublishedFact[]>();
  for (const f of input.facts) {
    if (!Number.isFinite(f.value) || f.value < 0) throw new RangeError(`fact ${f.id} has value ${f.value}`);
    const vars = [...new Set(f.variables)];
    if (vars.length === 0) continue;
    const key = setKey(vars);
    const list = byKey.get(key) ?? [];
    list.push({ ...f, variables: vars });
    byKey.set(key, list);
  }
  const effective: PublishedFact[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    for (let i = 1; i < list.length; i += 1) {
      const d = Math.abs(list[i].value - list[i - 1].value);
      if (d > 0 && d < k) {
        leaks.push({
          kind: 'version-difference',
          id: list[i].id,
          message: `${list[i].id} differs from ${list[i - 1].id} by ${d}: the change itself is fewer than ${k} incidents`,
        });
      }
    }
    effective.push(list[list.length - 1]);
  }

  // 2. Substitute what single-unknown facts fix (and zero sums, since every unknown is ≥ 0).
  const fixed = new Map<string, number>();
  const inconsistentIds = new Set<string>();
  let changed = true;
  let reduced: ReducedFact[] = [];
  while (changed) {
    changed = false;
    reduced = [];
    for (const f of effective) {
      let rhs = f.value;
      const free: string[] = [];
      for (const v of f.variables) {
        const x = fixed.get(v);
        if (x === undefined) free.push(v);
        else rhs -= x;
      }
      if (rhs < -EPS || (free.length === 0 && Math.abs(rhs) > EPS)) {
        inconsistentIds.add(f.id);
        continue;
      }
      if (free.length === 0) continue;
      if (free.length === 1 || Math.abs(rhs) <= EPS) {
        for (const v of free) fixed.set(v, free.length === 1 ? Math.max(0, rhs) : 0);
        changed = true;
        continue;
      }
      reduced.push({ vars: free, rhs, ids: [f.id] });
    }
  }

  // 3. Components of the remaining facts; targets join the components of their unknowns.
  const uf = new UnionFind();
  const constrained = new Set<string>();
  for (const f of reduced) {
    for (const v of f.vars) {
      constrained.add(v);
      uf.union(f.vars[0], v);
    }
  }
  const solver = reduced.length ? await loadSolver() : null;
  const allVariables = new Set<string>([...input.facts.flatMap((f) => f.variables), ...input.suppressed.flatMap((s) => s.variables)]);
  const componentFacts = new Map<string, ReducedFact[]>();
  for (const f of reduced) {
    const r = uf.find(f.vars[0]);
    const list = componentFacts.get(r) ?? [];
    list.push(f);
    componentFacts.set(r, list);
  }
  const names = new Map<string, string>();
  const name = (v: string) => {
    let n = names.get(v);
    if (!n) names.set(v, (n = `x${names.size}`));
    return n;
  };

  let linearPrograms = 0;
  let integerPrograms = 0;
  const usedComponents = new Set<string>();
  const cache = new Map<string, { min: number; max: number | null; inconsistent: boolean }>();
  const ranges: SuppressedRange[] = [];

  /** [min, max] of Σ x over a target's unknowns: substitution, closed form, or two LPs. */
  const bound = (target: SuppressedFigure, vars: string[]): { min: number; max: number | null; inconsistent: boolean } => {
    let fixedPart = 0;
    const free: string[] = [];
    for (const v of vars) {
      const x = fixed.get(v);
      if (x === undefined) free.push(v);
      else fixedPart += x;
    }
    const inLp = free.filter((v) => constrained.has(v));
    // Unknowns in no remaining fact can be anything ≥ 0: no upper bound.
    const unbounded = free.length > inLp.length;
    if (inLp.length === 0) return { min: fixedPart, max: unbounded ? null : fixedPart, inconsistent: false };
    const roots = [...new Set(inLp.map((v) => uf.find(v)))];
    roots.forEach((root) => usedComponents.add(root));
    const constraints = roots.flatMap((root) => componentFacts.get(root) ?? []);
    if (constraints.length === 1) {
      // One equation Σ x = rhs over free x ≥ 0: some of its unknowns range over [0, rhs], all of them are rhs.
      const [only] = constraints;
      const all = only.vars.every((v) => inLp.includes(v));
      return { min: fixedPart + (all ? only.rhs : 0), max: unbounded ? null : fixedPart + only.rhs, inconsistent: false };
    }
    const solve = (sense: 'Minimize' | 'Maximize') => {
      linearPrograms += 1;
      const lp = solver!.solve(lpText(sense, inLp, constraints, name, false), { output_flag: false, presolve: 'off' });
      // An integral LP optimum is also the whole-incident optimum; only a fractional one needs the MIP.
      if (!integer || lp.Status !== 'Optimal' || Object.values(lp.Columns).every((c) => Math.abs(c.Primal - Math.round(c.Primal)) <= EPS)) return lp;
      integerPrograms += 1;
      return solver!.solve(lpText(sense, inLp, constraints, name, true), { output_flag: false });
    };
    const lo = solve('Minimize');
    if (lo.Status === 'Infeasible') {
      for (const c of constraints) c.ids.forEach((id) => inconsistentIds.add(id));
      return { min: 0, max: null, inconsistent: true };
    }
    if (lo.Status !== 'Optimal') throw new Error(`HiGHS could not solve the minimum for ${target.id}: ${lo.Status}`);
    let max: number | null = null;
    if (!unbounded) {
      const hi = solve('Maximize');
      if (hi.Status === 'Optimal') max = fixedPart + Math.floor(hi.ObjectiveValue + EPS);
      else if (hi.Status !== 'Unbounded' && hi.Status !== 'Primal infeasible or unbounded') throw new Error(`HiGHS could not solve the maximum for ${target.id}: ${hi.Status}`);
    }
    return { min: fixedPart + Math.max(0, Math.ceil(lo.ObjectiveValue - EPS)), max, inconsistent: false };
  };

  for (const target of input.suppressed) {
    const vars = [...new Set(target.variables)];
    const key = setKey(vars);
    let r = cache.get(key);
    if (!r) {
      r = bound(target, vars);
      cache.set(key, r);
    }
    const leak = r.inconsistent ? 'inconsistent' : classify(r.min, r.max, k);
    ranges.push({ id: target.id, min: r.min, max: r.max, leak });
    if (leak === 'pinned') {
      leaks.push({ kind: 'pinned', id: target.id, min: r.min, max: r.max, message: `${target.id} is pinned to ${r.min} by what is published` });
    } else if (leak === 'small-range') {
      leaks.push({ kind: 'small-range', id: target.id, min: r.min, max: r.max, message: `${target.id} is known to lie in ${r.min}…${r.max}, inside 1…${k - 1}` });
    } else if (leak === 'inconsistent') {
      leaks.push({ kind: 'inconsistent', id: target.id, message: `${target.id} lies in a set of published figures no non-negative counts satisfy; the audit cannot bound it` });
    }
  }
  for (const id of inconsistentIds) {
    leaks.push({ kind: 'inconsistent', id, message: `${id} contradicts other published figures (a correction without a new version of every figure?)` });
  }

  return {
    passed: leaks.length === 0,
    k,
    leaks,
    ranges,
    stats: {
      facts: input.facts.length,
      suppressed: input.suppressed.length,
      variables: allVariables.size,
      fixedBySubstitution: fixed.size,
      components: usedComponents.size,
      linearPrograms,
      integerPrograms,
      milliseconds: Math.round(performance.now() - started),
    },
  };
}
