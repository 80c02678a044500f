import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, expect, test } from 'vitest';

type Body = { code: string; message: string; fix?: string; fields?: { field: string; message: string }[] };
type ApiErrorClass = new (status: number, body: Body) => Error;

// By paths held in variables: the server's tsc, which checks test/, compiles no JSX nor the web's DOM code (the web's tsc checks them).
let FormError: FunctionComponent<{ error: unknown; fields: readonly string[] }>;
let ApiError: ApiErrorClass;
beforeAll(async () => {
  const formPath = '../../web/src/ui/form.tsx';
  const apiPath = '../../web/src/api.ts';
  ({ FormError } = (await import(formPath)) as { FormError: typeof FormError });
  ({ ApiError } = (await import(apiPath)) as { ApiError: ApiErrorClass });
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const render = (error: unknown, fields: readonly string[]) => renderToStaticMarkup(createElement(FormError, { error, fields }));

const spansPolicies = () =>
  new ApiError(400, {
    code: 'SPANS_POLICIES',
    message: 'The accounts asked for fall under 2 request policies (Prod, Sandbox).',
    fix: 'Make one request per policy: split the accounts.',
    fields: [{ field: 'entitlement.accounts', message: 'The accounts asked for fall under 2 request policies (Prod, Sandbox).' }],
  });

test('a refusal the form shows at its field leaves a short box with only what to do: the fix no field shows', () => {
  // Before, the box was hidden whenever a field showed the error, and "split the accounts" was said nowhere.
  const html = render(spansPolicies(), ['entitlement.accounts', 'justification', 'ticket']);
  expect(text(html)).toBe('What to do: Make one request per policy: split the accounts.');
  expect(html).toContain('role="alert"');
  expect(html).not.toContain('fall under 2 request policies');
});

test('a refusal at a field without a fix adds nothing under the form', () => {
  expect(render(new ApiError(400, { code: 'TICKET_REQUIRED', message: 'Policy "Ops" requires a ticket reference.', fields: [{ field: 'ticket', message: 'required' }] }), ['ticket'])).toBe('');
});

test('a refusal no field of the form shows is the whole error box: message, fields, fix and code', () => {
  const html = text(render(spansPolicies(), ['justification', 'ticket']));
  expect(html).toContain('The accounts asked for fall under 2 request policies (Prod, Sandbox).');
  expect(html).toContain('What to do: Make one request per policy: split the accounts.');
  expect(html).toContain('Error code SPANS_POLICIES');
  expect(render(new Error('offline'), ['ticket'])).toContain('offline');
  expect(render(null, ['ticket'])).toBe('');
});
