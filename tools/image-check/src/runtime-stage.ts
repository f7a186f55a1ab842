import { splitFlags, type Instruction, type Stage } from './dockerfile';

/** The stage that runs is the last one: `docker build` without --target builds it. */
function runtimeOf(stages: readonly Stage[]): Stage {
  const runtime = stages.at(-1);
  if (!runtime) throw new Error('the Dockerfile has no FROM');
  return runtime;
}

function runs(stage: Stage): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === 'RUN');
}

/** The `npm ci` / `npm install` commands of a RUN, as words: `RUN --mount=… npm ci --omit=dev && x`. */
export function npmInstalls(run: string): string[][] {
  return splitFlags(run)
    .rest.split(/&&|\|\||;/)
    .map((command) => command.trim().split(/\s+/))
    .filter((words) => words[0] === 'npm' && ['ci', 'install', 'i'].includes(words[1] ?? ''));
}

function omitsDev(words: readonly string[]): boolean {
  return words.some((w, i) => w === '--omit=dev' || (w === '--omit' && words[i + 1] === 'dev'));
}

/** The stage whose node_modules the runtime copies (`COPY --from=<stage> … node_modules …`), else itself. */
function nodeModulesSource(stages: readonly Stage[], runtime: Stage): Stage {
  for (const copy of runtime.instructions.filter((i) => i.keyword === 'COPY')) {
    const { flags, rest } = splitFlags(copy.args);
    const sources = rest.split(/\s+/).slice(0, -1);
    if (!flags.from || !sources.some((s) => /(^|\/)node_modules\/?$/.test(s))) continue;
    const source = stages.find((s) => s.name === flags.from);
    if (!source) throw new Error(`COPY --from=${flags.from}: no stage of that name`);
    return source;
  }
  return runtime;
}

/** The one command that installs the runtime's dependencies, as words: what tools/image-check runs. */
export function productionInstall(stages: readonly Stage[]): string[] {
  const source = nodeModulesSource(stages, runtimeOf(stages));
  const installs = runs(source).flatMap((r) => npmInstalls(r.args));
  if (installs.length !== 1)
    throw new Error(`stage ${source.name ?? source.base} has ${installs.length} npm installs, not one`);
  return installs[0];
}

function userProblem(runtime: Stage): string | undefined {
  const user = runtime.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args;
  if (!user) return 'the runtime stage has no USER, so it runs as root';
  const name = user.split(':')[0];
  if (name === 'root' || /^0+$/.test(name)) return `the runtime stage runs as root (USER ${user})`;
  return undefined;
}

/** The environment the runtime stage's ENV instructions set (`ENV A=1 B=2`, or the old `ENV A 1`). */
export function runtimeEnv(stages: readonly Stage[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of runtimeOf(stages).instructions.filter((i) => i.keyword === 'ENV')) {
    const pairs = [...args.matchAll(/([\w.-]+)=("[^"]*"|'[^']*'|\S*)/g)];
    if (pairs.length === 0) {
      const [name, ...value] = args.split(/\s+/);
      env[name] = value.join(' ');
    }
    for (const [, name, value] of pairs) env[name] = value.replace(/^(["'])(.*)\1$/, '$2');
  }
  return env;
}

/** The runtime's USER as numbers (`USER 1000:1000`), or undefined for a name, which needs /etc/passwd. */
export function runtimeUser(stages: readonly Stage[]): { uid: number; gid: number } | undefined {
  const user = runtimeOf(stages)
    .instructions.filter((i) => i.keyword === 'USER')
    .at(-1)?.args;
  const match = /^(\d+)(?::(\d+))?$/.exec(user ?? '');
  return match ? { uid: Number(match[1]), gid: Number(match[2] ?? match[1]) } : undefined;
}

/** What is wrong with the stage that runs, in sentences; empty when nothing is. */
export function runtimeStageProblems(stages: readonly Stage[]): string[] {
  const runtime = runtimeOf(stages);
  const problems: string[] = [];
  const user = userProblem(runtime);
  if (user) problems.push(user);
  if (runtimeEnv(stages).NODE_ENV !== 'production')
    problems.push('the runtime stage does not set NODE_ENV=production');
  const installers = new Set([runtime, nodeModulesSource(stages, runtime)]);
  for (const stage of installers) {
    for (const words of runs(stage).flatMap((r) => npmInstalls(r.args))) {
      if (!omitsDev(words))
        problems.push(`\`${words.join(' ')}\` (stage ${stage.name ?? stage.base}) installs devDependencies`);
    }
  }
  return problems;
}
