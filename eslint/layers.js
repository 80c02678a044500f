// The layer rule of docs/architecture.md ("Layers and the rule between them"), checked on every import:
// static, type-only, re-exports, `import()` (which the CLI and the composition root use to load lazily),
// TypeScript's `import('…').T` types and `import x = require('…')` (core's no-restricted-imports sees
// none of the last three, and matches the written path rather than the file it names, so `../sync/` of
// the AWS connector's own sync/ folder would read as the product's sync).
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';

/** The repository root, from this file's place (not the working directory, so `cd src && npx eslint …` checks the same). */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What each layer's folders may import besides themselves (src/<folder>, or src/app.ts as `app`). */
const FOUNDATION = ['core', 'config', 'store', 'audit', 'jobs', 'notifications'];
const CAPABILITIES = ['connectors', 'identity', 'access', 'provisioning', 'sync', 'ownership', 'reviews', 'requests'];
export const MAY_IMPORT = {
  core: [],
  config: ['core'],
  store: ['core', 'config'],
  audit: ['core', 'config', 'store'],
  jobs: ['core', 'config', 'store'],
  // The notify seam: every capability writes its notifications in its own transaction, as it does audit events.
  // Audit below it: changes to notification channels and preferences are audited like any configuration.
  notifications: ['core', 'config', 'store', 'audit', 'jobs'],
  connectors: ['core', 'store', 'audit'],
  identity: ['core', 'config', 'store', 'audit'],
  ownership: ['core', 'config', 'store', 'audit'],
  // access writes one thing, administrators' privileged marks, each with its audit event.
  access: ['core', 'store', 'audit'],
  provisioning: [...FOUNDATION, 'connectors', 'access'],
  // One way within the actions: a sync marks the tasks it proves, provisioning never asks a sync.
  sync: [...FOUNDATION, 'connectors', 'access', 'provisioning'],
  // Governance reads grants through access and changes AWS only through provisioning (docs/architecture.md).
  reviews: [...FOUNDATION, 'access', 'ownership', 'provisioning'],
  // Requests likewise; identity too, for the people and RRCU roles a policy names as approvers.
  requests: [...FOUNDATION, 'access', 'ownership', 'provisioning', 'identity'],
  // Evidence sits on top: it reads every capability to write reports and packs; only the composition root and the doors import it.
  evidence: [...FOUNDATION, ...CAPABILITIES],
  app: [...FOUNDATION, ...CAPABILITIES, 'evidence'],
  demo: [...FOUNDATION, ...CAPABILITIES, 'app', 'aws-sim'],
  server: [...FOUNDATION, ...CAPABILITIES, 'evidence', 'app', 'demo'],
  cli: [...FOUNDATION, ...CAPABILITIES, 'evidence', 'app', 'demo', 'server'],
  // scripts/ (the API types generator) are tools like the doors: they may import what the doors may.
  scripts: [...FOUNDATION, ...CAPABILITIES, 'evidence', 'app', 'demo', 'server', 'cli'],
  // The simulator stands apart: it imports nothing of RRCU.
  'aws-sim': [],
};

/** Capabilities other folders use through their surface only: `index.ts`, and `errors.ts` so naming a code loads nothing else. */
export const SURFACED = ['config', 'store', 'audit', 'jobs', 'notifications', 'connectors', 'identity', 'ownership', 'access', 'provisioning', 'sync', 'reviews', 'requests', 'evidence', 'aws-sim'];
const SURFACE_FILES = ['index.ts', 'errors.ts'];

/**
 * A path inside src/<capability>/ that other folders may import: its surface, a connector kind's own
 * (`connectors/aws/index.ts`), or the evidence writers' (`evidence/writers/index.ts`: a report model in, files
 * out, which the benchmark times alone).
 */
function isSurface(capability, within) {
  return SURFACE_FILES.includes(within) || (capability === 'connectors' && /^[^/]+\/index\.ts$/.test(within)) || (capability === 'evidence' && within === 'writers/index.ts');
}

/** Besides tests, benchmarks and their harness, the one door that serves the simulator itself. */
const SIMULATOR_DOORS = ['src/cli/commands/sim.ts'];

/**
 * Where a repository path sits: its layer (`folder`), and for src/ the capability folder it is in.
 * scripts/ is a folder of the product's own (`kind: 'src'`, folder `scripts`): a door-like tool.
 */
function placeOf(file) {
  const [top, second] = file.split('/');
  if (top === 'src') {
    if (second === 'app.ts') return { kind: 'src', folder: 'app', name: 'src/app.ts' };
    return { kind: 'src', folder: second, name: `src/${second}`, test: /\.test\.tsx?$/.test(file) };
  }
  if (top === 'scripts') return { kind: 'src', folder: 'scripts', name: 'scripts/' };
  if (top === 'test' || top === 'bench' || top === 'harness') return { kind: top, folder: top === 'test' ? second : undefined };
  if (top === 'web') return { kind: 'web' };
  return { kind: 'other' };
}

/** Why `from` may not import `to` (repository paths), or undefined when it may. */
export function layerViolation(from, to) {
  const importer = placeOf(from);
  const target = placeOf(to);
  if (importer.kind === 'other') return undefined;
  if (importer.kind === 'web') {
    return target.kind === 'web' ? undefined : `web/ imports nothing outside web/ (not ${to}): it talks HTTP to /api, its API types are generated into web/src/api-types.gen.ts`;
  }
  if (target.kind === 'test' && importer.kind !== 'test') return `${to} is a test's: ${importer.kind === 'src' ? 'the product' : importer.kind} imports nothing from test/ (shared harness code lives in harness/)`;
  if (target.kind === 'bench' && importer.kind !== 'bench') return `${to} is a benchmark's: nothing imports bench/`;
  if (target.kind === 'harness' && importer.kind === 'src') return `${to} is harness code for tests and benchmarks: the product does not import it`;
  if (target.kind === 'web' && importer.kind === 'src') return `${to} is the web UI's: the server and the CLI import nothing from web/ (they share the API, not code)`;
  if (target.kind !== 'src') return undefined;

  const capability = target.folder;
  const testing = importer.kind !== 'src' || importer.test;
  if (importer.kind === 'src' && importer.folder === capability) return undefined;
  if (capability === 'aws-sim' && !testing && !SIMULATOR_DOORS.includes(from) && importer.folder !== 'demo') {
    return `${importer.name} may not import the simulator: only src/demo, rrcu sim (${SIMULATOR_DOORS.join(', ')}), tests, benchmarks and harness/ do`;
  }
  // A unit test beside the code may look across layers (the error catalogs' test reads every door's codes).
  if (importer.kind === 'src' && !importer.test) {
    const allowed = MAY_IMPORT[importer.folder];
    if (!allowed) return `${importer.name} has no place in the layers yet: add it to MAY_IMPORT in eslint/layers.js and to the table in docs/architecture.md`;
    if (capability !== 'aws-sim' && !allowed.includes(capability)) {
      return `${importer.name} may not import src/${capability === 'app' ? 'app.ts' : capability}: ${allowed.length === 0 ? `${importer.folder} imports nothing of RRCU` : `it may import ${allowed.join(', ')}`} (docs/architecture.md, the layer table)`;
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
    const from = path.relative(ROOT, context.filename).split(path.sep).join('/');
    /** Checks the import of `specifier` (the written path), reported at `node`. */
    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = path.relative(ROOT, path.resolve(path.dirname(context.filename), specifier)).split(path.sep).join('/');
      const why = layerViolation(from, to);
      if (why) context.report({ node, message: why });
    }
    function checkLiteral(source) {
      if (source) check(source, source.value);
    }
    return {
      ImportDeclaration: (node) => checkLiteral(node.source),
      ExportNamedDeclaration: (node) => checkLiteral(node.source),
      ExportAllDeclaration: (node) => checkLiteral(node.source),
      ImportExpression(node) {
        const { source } = node;
        if (source.type === 'Literal') return checkLiteral(source);
        if (source.type === 'TemplateLiteral' && source.expressions.length === 0) return check(source, source.quasis[0].value.cooked);
        // A path computed at run time could name any file: the rule cannot see where it leads.
        if (placeOf(from).kind === 'src') {
          context.report({ node: source, message: 'import() of a computed path cannot be checked against the layer rule: name the file literally' });
        }
      },
      // `typeof import('…')` and `import('…').T`: `source` since typescript-eslint 8.x, `argument` (a literal type) before.
      TSImportType(node) {
        checkLiteral(node.source ?? (node.argument?.type === 'TSLiteralType' ? node.argument.literal : undefined));
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') checkLiteral(node.moduleReference.expression);
      },
    };
  },
};

export default { rules: { layers: rule } };
