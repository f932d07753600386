/** One instruction of a Dockerfile, continuation lines joined. */
export interface DockerInstruction {
  /** Upper case: FROM, RUN, COPY, … */
  readonly keyword: string;
  /** Everything after the keyword, as written (continuations joined with a space). */
  readonly args: string;
  /** The JSON array of an exec-form instruction (`CMD ["a", "b"]`), undefined for the shell form. */
  readonly exec: string[] | undefined;
}

/** One build stage: its FROM image, its name (`AS name`; the unnamed last one is called "runtime") and instructions. */
export interface DockerStage {
  readonly from: string;
  readonly name: string;
  readonly instructions: DockerInstruction[];
}

/** The parts of a Dockerfile the tests check: global ARGs before the first FROM, and the stages. */
export interface ParsedDockerfile {
  readonly stages: DockerStage[];
}

function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed = JSON.parse(args) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new Error(`not exec form: ${args}`);
  return parsed;
}

/**
 * Parses a Dockerfile as BuildKit reads it: `#` comment lines are dropped (also inside
 * continuations), a trailing backslash continues the line, and each instruction is a
 * keyword and its arguments. Parser directives and heredocs are not supported (the
 * project's Dockerfile has neither beyond `# syntax=`, which is a comment here).
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const logical: string[] = [];
  let pending: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line)) continue;
    if (pending === undefined && line.trim() === '') continue;
    const joined = pending === undefined ? line.trim() : `${pending} ${line.trim()}`;
    if (line.endsWith('\\')) pending = joined.slice(0, -1).trimEnd();
    else {
      logical.push(joined);
      pending = undefined;
    }
  }
  if (pending !== undefined) throw new Error('the Dockerfile ends in a line continuation');
  const stages: DockerStage[] = [];
  for (const line of logical) {
    const m = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`not an instruction: ${line}`);
    const keyword = m[1]!.toUpperCase();
    const args = m[2]!;
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`bad FROM: ${line}`);
      stages.push({ from: from[1]!, name: from[2] ?? '', instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before the first FROM`);
    stage.instructions.push({ keyword, args, exec: execForm(args) });
  }
  const last = stages.at(-1);
  if (last && last.name === '') stages[stages.length - 1] = { ...last, name: 'runtime' };
  return { stages };
}

/** The `key="value"` pairs of LABEL instructions (values unquoted, `${ARG}` left as written). */
export function labelsOf(stage: DockerStage): Map<string, string> {
  const labels = new Map<string, string>();
  for (const i of stage.instructions.filter((x) => x.keyword === 'LABEL'))
    for (const m of i.args.matchAll(/([\w.-]+)=("(?:[^"\\]|\\.)*"|\S+)/g))
      labels.set(m[1]!, m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!);
  return labels;
}
