/** One instruction: `RUN npm ci` is `{ keyword: 'RUN', args: 'npm ci' }`, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** One stage: `FROM node:20 AS build` and the instructions up to the next FROM. */
export interface Stage {
  base: string;
  name?: string;
  instructions: Instruction[];
}

/**
 * Joins `\`-continued lines and drops comments and blank lines, as Docker does, also within a
 * continued instruction (parser directives are comments too).
 */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    out.push(`${current}${line}`.trim());
    current = '';
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** The stages of a Dockerfile in order. Heredocs are not supported: this one has none. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const line of logicalLines(text)) {
    const match = /^(\w+)\s+([\s\S]*)$/.exec(line);
    if (!match) throw new Error(`not an instruction: ${line}`);
    const keyword = match[1].toUpperCase();
    const args = match[2].trim();
    if (keyword === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`not a FROM: ${line}`);
      stages.push({ base: from[1], ...(from[2] ? { name: from[2] } : {}), instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (keyword === 'ARG') continue;
      throw new Error(`${keyword} before the first FROM`);
    }
    stage.instructions.push({ keyword, args });
  }
  return stages;
}

/** An instruction's `--flag=value` options and the rest: `COPY --from=deps a b` → `{ from: 'deps' }`, `a b`. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); m; m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[m[1]] = m[2] ?? '';
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}
