import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import type { RequestPolicyInput } from '../../requests/index.ts';
import { CLI_ERRORS } from '../errors.ts';

/** One policy read from a file, and where: `policies.yaml, document 2 ("Prod read-only")`. */
export type PolicyFromFile = { where: string; document: RequestPolicyInput };

// A policy file is small; one far larger is a mistake (a log, a binary), not a policy set.
const MOST_BYTES = 5 * 1024 * 1024;

/**
 * The request policies a file holds, each checked against the document schema before any is applied, so a
 * mistake in the third policy of a file leaves the first two as they were. A `.json` file holds one policy or an
 * array of them; anything else is read as YAML (JSON is YAML too), one policy per document (`---` between them)
 * or an array of them in a document — so a team keeps its policies in git as it likes.
 */
export async function readPolicyFile(path: string): Promise<PolicyFromFile[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RrcuError(CLI_ERRORS.INVALID_PATH, `Cannot read ${path}: ${(e as Error).message}.`, { fix: 'Give the path of a policy file (JSON or YAML).' });
  }
  if (text.length > MOST_BYTES) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `${path} is larger than ${MOST_BYTES / 1024 / 1024} MiB: not a policy file.`, { fix: 'Give the path of a policy file (JSON or YAML).' });
  return parsePolicies(path, text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml');
}

export async function parsePolicies(name: string, text: string, format: 'json' | 'yaml'): Promise<PolicyFromFile[]> {
  const documents = format === 'json' ? [parseJson(name, text)] : await parseYaml(name, text);
  // A document that is an array holds several policies; each is named by its place in the file.
  type Found = { document: number; policy: number | null; value: unknown };
  const found = documents.flatMap((doc, d): Found[] =>
    Array.isArray(doc) ? doc.map((value: unknown, i) => ({ document: d, policy: i, value })) : [{ document: d, policy: null, value: doc }]);
  const single = found.length === 1;
  const placed = found.map((f) => ({ where: single ? name : `${name}, ${placeOf(f.document, f.policy, documents.length > 1)}`, value: f.value }));
  if (placed.length === 0) throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `${name} holds no policy.`, { fix: 'Write one policy document per YAML document (or a JSON object or array), as `rrcu policy show <name>` prints one.' });
  const { requestPolicyDocumentSchema } = await import('../../requests/index.ts');
  const problems: string[] = [];
  for (const { where, value } of placed) {
    const parsed = requestPolicyDocumentSchema.safeParse(value);
    if (parsed.success) continue;
    const named = value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string' ? ` (${JSON.stringify((value as { name: string }).name)})` : '';
    for (const issue of parsed.error.issues.slice(0, 5)) problems.push(`${where}${named}: ${issue.path.join('.') || 'the document'}: ${issue.message}`);
  }
  if (problems.length > 0) {
    throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `No policy was applied; ${problems.length === 1 ? 'a field is' : 'fields are'} wrong:\n  ${problems.join('\n  ')}`, {
      fix: 'Correct the fields named and apply the file again (the document\'s shape: GET /api/docs, schema of PUT /api/request-policies).',
    });
  }
  return placed.map(({ where, value }) => ({ where, document: value as RequestPolicyInput }));
}

function placeOf(document: number, policy: number | null, severalDocuments: boolean): string {
  if (policy === null) return `document ${document + 1}`;
  return severalDocuments ? `document ${document + 1}, policy ${policy + 1}` : `policy ${policy + 1}`;
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new RrcuError(CLI_ERRORS.INVALID_JSON, `${name} is not valid JSON: ${(e as Error).message}.`, { fix: 'Correct the JSON (or write the policy as YAML, in a .yaml file).' });
  }
}

async function parseYaml(name: string, text: string): Promise<unknown[]> {
  // Loaded when a policy file is read, so `rrcu --help` stays instant.
  const { parseAllDocuments } = await import('yaml');
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  for (const [d, doc] of list.entries()) {
    const error = doc.errors[0];
    if (error) {
      const where = error.linePos?.[0] ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : `document ${d + 1}`;
      throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `${name} is not valid YAML (${where}): ${error.message.split('\n')[0]}`, { fix: 'Correct the YAML and apply the file again.' });
    }
  }
  // An empty document (a trailing `---`, a file of comments) holds nothing.
  return list.map((doc) => doc.toJS() as unknown).filter((value) => value !== null && value !== undefined);
}
