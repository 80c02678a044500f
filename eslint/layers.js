// The layer rule of docs/architecture.md ("Layers and the rule between them"), checked on every import:
// static, type-only, re-exports and `import()`, which the CLI and the composition root use to load lazily
// (core's no-restricted-imports does not see `import()`, and matches the written path rather than the
// file it names, so `../sync/` of the AWS connector's own sync/ folder would read as the product's sync).
import path from 'node:path';

/** What each layer's folders may import besides themselves (src/<folder>, or src/app.ts as `app`). */
const FOUNDATION = ['core', 'config', 'store', 'audit', 'jobs'];
const CAPABILITIES = ['connectors', 'identity', 'access', 'provisioning', 'sync'];
export const MAY_IMPORT = {
  core: [],
  config: ['core'],
  store: ['core', 'config'],
  audit: ['core', 'config', 'store'],
  jobs: ['core', 'config', 'store'],
  connectors: ['core', 'store', 'audit'],
  identity: ['core', 'config', 'store', 'audit'],
  access: ['core', 'store'],
  provisioning: [...FOUNDATION, 'connectors', 'identity', 'access'],
  // One way within the actions: a sync marks the tasks it proves, provisioning never asks a sync.
  sync: [...FOUNDATION, 'connectors', 'identity', 'access', 'provisioning'],
  app: [...FOUNDATION, ...CAPABILITIES],
  demo: [...FOUNDATION, ...CAPABILITIES, 'app', 'aws-sim'],
  server: [...FOUNDATION, ...CAPABILITIES, 'app', 'demo'],
  cli: [...FOUNDATION, ...CAPABILITIES, 'app', 'demo', 'server'],
  // The simulator stands apart: it imports nothing of RRCU.
  'aws-sim': [],
};

/** Capabilities other folders use through their surface only: `index.ts`, and `errors.ts` so naming a code loads nothing else. */
export const SURFACED = ['config', 'store', 'audit', 'jobs', 'connectors', 'identity', 'access', 'provisioning', 'sync', 'aws-sim'];
const SURFACE_FILES = ['index.ts', 'errors.ts'];

/** A path inside src/<capability>/ that other folders may import: its surface, or a connector kind's own (`connectors/aws/index.ts`). */
function isSurface(capability, within) {
  return SURFACE_FILES.includes(within) || (capability === 'connectors' && /^[^/]+\/index\.ts$/.test(within));
}

/** Besides tests, benchmarks and their harness, the one door that serves the simulator itself. */
const SIMULATOR_DOORS = ['src/cli/commands/sim.ts'];

/** Where a repository path sits: its layer (`folder`), and for src/ the capability folder it is in. */
function placeOf(file) {
  const [top, second] = file.split('/');
  if (top === 'src') {
    if (second === 'app.ts') return { kind: 'src', folder: 'app' };
    return { kind: 'src', folder: second, test: /\.test\.tsx?$/.test(file) };
  }
  if (top === 'test' || top === 'bench' || top === 'harness') return { kind: top, folder: top === 'test' ? second : undefined };
  return { kind: 'other' };
}

/** Why `from` may not import `to` (repository paths), or undefined when it may. */
export function layerViolation(from, to) {
  const importer = placeOf(from);
  const target = placeOf(to);
  if (importer.kind === 'other') return undefined;
  if (target.kind === 'test' && importer.kind !== 'test') return `${to} is a test's: ${importer.kind === 'src' ? 'the product' : importer.kind} imports nothing from test/ (shared harness code lives in harness/)`;
  if (target.kind === 'bench' && importer.kind !== 'bench') return `${to} is a benchmark's: nothing imports bench/`;
  if (target.kind === 'harness' && importer.kind === 'src') return `${to} is harness code for tests and benchmarks: the product does not import it`;
  if (target.kind !== 'src') return undefined;

  const capability = target.folder;
  const testing = importer.kind !== 'src' || importer.test;
  if (importer.kind === 'src' && importer.folder === capability) return undefined;
  if (capability === 'aws-sim' && !testing && !SIMULATOR_DOORS.includes(from) && importer.folder !== 'demo') {
    return `src/${importer.folder} may not import the simulator: only src/demo, rrcu sim (${SIMULATOR_DOORS.join(', ')}), tests, benchmarks and harness/ do`;
  }
  // A unit test beside the code may look across layers (the error catalogs' test reads every door's codes).
  if (importer.kind === 'src' && !importer.test) {
    const allowed = MAY_IMPORT[importer.folder];
    if (!allowed) return `src/${importer.folder} has no place in the layers yet: add it to MAY_IMPORT in eslint/layers.js and to the table in docs/architecture.md`;
    if (capability !== 'aws-sim' && !allowed.includes(capability)) {
      return `src/${importer.folder} may not import src/${capability === 'app' ? 'app.ts' : capability}: ${allowed.length === 0 ? `${importer.folder} imports nothing of RRCU` : `it may import ${allowed.join(', ')}`} (docs/architecture.md, the layer table)`;
    }
  }
  // A test folder named for a capability tests its internals; everyone else uses its surface.
  if (importer.kind === 'test' && importer.folder === capability) return undefined;
  const within = to.split('/').slice(2).join('/');
  if (SURFACED.includes(capability) && !isSurface(capability, within)) {
    return `import src/${capability}/index.ts, not ${to}: another capability is used through its surface`;
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layer order of docs/architecture.md and makes other folders use a capability through its index.ts.' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const from = path.relative(root, context.filename).split(path.sep).join('/');
    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = path.relative(root, path.resolve(path.dirname(context.filename), source.value)).split(path.sep).join('/');
      const why = layerViolation(from, to);
      if (why) context.report({ node: source, message: why });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { layers: rule } };
