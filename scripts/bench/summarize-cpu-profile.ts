import { readFileSync } from 'node:fs';
import { formatTable } from './format-bench-report';
import { repositoryRoot } from './load-built-packages';

/** The parts of V8's .cpuprofile format (what `node --cpu-prof` writes) read here. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  samples: number[];
  /** µs since the previous sample; timeDeltas[i] precedes samples[i]. */
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  location: string;
  /** Samples whose top frame is this function (or module). */
  samples: number;
  share: number;
}

export interface ProfileSummary {
  windowMicros: number;
  windowSamples: number;
  totalMicros: number;
  garbageCollectionShare: number;
  byFunction: ProfileEntry[];
  byModule: ProfileEntry[];
}

/** A readable place for a frame: a path inside the repository or node_modules, or a node: internal. */
function shortLocation(url: string, lineNumber: number): string {
  if (url === '') return '';
  let path = url.replace(/^file:\/\//, '');
  if (path.startsWith(repositoryRoot)) path = path.slice(repositoryRoot.length);
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules !== -1) path = path.slice(nodeModules + 'node_modules/'.length);
  return `${path}:${lineNumber + 1}`;
}

/** Which library a frame belongs to, to see at a glance where the time goes. */
function moduleOf(functionName: string, url: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const workspacePackage = /packages\/([^/]+)\/dist\//.exec(url);
  if (workspacePackage) return `@textgen/${workspacePackage[1]}`;
  if (url.includes('internal/deps/undici')) return 'undici (Node fetch)';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules !== -1) {
    const parts = url.slice(nodeModules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/scripts/bench/')) return 'benchmark harness (stub, loop)';
  return url;
}

/**
 * Self time by function and by module over a window of the profile: from the first to the last sample whose stack
 * holds `windowFunction` (everything in between counts, GC and microtasks included), or the whole profile if no
 * function is named. Shares are shares of the window's samples.
 */
export function summarizeCpuProfile(profile: CpuProfile, windowFunction: string | undefined): ProfileSummary {
  const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const underWindowFunction = new Map<number, boolean>();
  const isUnder = (id: number): boolean => {
    const known = underWindowFunction.get(id);
    if (known !== undefined) return known;
    const node = nodesById.get(id)!;
    const parent = parentOf.get(id);
    const result = node.callFrame.functionName === windowFunction || (parent !== undefined && isUnder(parent));
    underWindowFunction.set(id, result);
    return result;
  };
  // Shares count samples rather than weigh them by the time to the next one: on a loaded machine the process is
  // descheduled between ticks, and weighting would hand each such gap to whatever function happened to be sampled.
  const durations = profile.samples.map((_, index) => profile.timeDeltas[index + 1] ?? 0);
  let windowSamples = 0;
  const totalMicros = durations.reduce((sum, value) => sum + value, 0);
  let first = 0;
  let last = profile.samples.length - 1;
  if (windowFunction !== undefined) {
    first = profile.samples.findIndex((id) => isUnder(id));
    while (last > first && !isUnder(profile.samples[last]!)) last -= 1;
    if (first === -1) throw new Error(`No sample of the profile is under a function named ${windowFunction}.`);
  }
  const byFunction = new Map<string, ProfileEntry>();
  const byModule = new Map<string, ProfileEntry>();
  let windowMicros = 0;
  const add = (map: Map<string, ProfileEntry>, key: string, name: string, location: string) => {
    const entry = map.get(key) ?? { name, location, samples: 0, share: 0 };
    entry.samples += 1;
    map.set(key, entry);
  };
  for (let index = first; index <= last; index += 1) {
    const { functionName, url, lineNumber } = nodesById.get(profile.samples[index]!)!.callFrame;
    windowMicros += durations[index]!;
    windowSamples += 1;
    const name = functionName === '' ? '(anonymous)' : functionName;
    const location = shortLocation(url, lineNumber);
    add(byFunction, `${name}@${location}`, name, location);
    const module = moduleOf(functionName, url);
    add(byModule, module, module, '');
  }
  const ranked = (map: Map<string, ProfileEntry>) =>
    [...map.values()]
      .map((entry) => ({ ...entry, share: entry.samples / windowSamples }))
      .sort((left, right) => right.samples - left.samples);
  const functions = ranked(byFunction);
  return {
    windowMicros,
    windowSamples,
    totalMicros,
    garbageCollectionShare: functions.find((entry) => entry.name === '(garbage collector)')?.share ?? 0,
    byFunction: functions,
    byModule: ranked(byModule),
  };
}

export function formatProfileSummary(
  summary: ProfileSummary,
  options: { top: number; windowFunction: string | undefined },
): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const milliseconds = (micros: number) => (micros / 1000).toFixed(0);
  const sampleTable = (entries: readonly ProfileEntry[], withLocation: boolean) =>
    formatTable(
      ['self %', 'samples', withLocation ? 'function' : 'module', ...(withLocation ? ['location'] : [])],
      entries.map((entry) => [
        percent(entry.share),
        String(entry.samples),
        entry.name,
        ...(withLocation ? [entry.location] : []),
      ]),
    );
  return [
    options.windowFunction === undefined
      ? `Whole profile: ${milliseconds(summary.totalMicros)} ms.`
      : `Window: ${summary.windowSamples} samples, ${milliseconds(summary.windowMicros)} ms of ${milliseconds(summary.totalMicros)} ms, ` +
        `from the first to the last sample under ${options.windowFunction} (start-up and warm-up left out).`,
    `Garbage collection: ${percent(summary.garbageCollectionShare)} of the window.`,
    '',
    `Top ${options.top} functions by self time (share of the window's samples):`,
    sampleTable(summary.byFunction.slice(0, options.top), true),
    '',
    'Self time by module:',
    sampleTable(summary.byModule, false),
  ].join('\n');
}

export function readCpuProfile(path: string): CpuProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}
