// Property tests of the e-mail layouts (main/services/layouts.ts and the API's layouts.save and
// layouts.preview): arbitrary Mustache templates (test/support/template-arbitrary.ts) are saved only
// when every variable is in the catalogue, else refused in Portuguese naming the variable with the
// data folder unchanged; a valid one renders exactly what an independent reference renders from the
// view's own properties (no prototype, no lambda, no partial, no file), HTML-escaped whatever the
// customer's name; a draft, however broken, previews without reaching anything else.
// Seed: REGUA_PROPERTY_SEED (printed).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadDefaultLayouts,
  renderLayout,
  sampleContext,
  templateView,
  validateLayout,
  type TemplateContext,
} from '../../main/services/layouts';
import { assetsDir } from '../../main/services/paths';
import type { LayoutPreview } from '../../shared/contract/layouts';
import { openTestApi, type TestApi } from '../support/api';
import { propertyRuns, propertySeed } from '../support/br-arbitraries';
import { folderSnapshot } from '../support/data-folder';
import { clerkMessageProblem } from '../support/portuguese';
import { escapeHtml, forbidden, print, reference, templateArb } from '../support/template-arbitrary';

const seed = propertySeed('layout-properties');
const RUNS = propertyRuns(200);

/** What must never show in a rendering: a prototype's or a file's contents, an internal value. */
const LEAKS = /\[object |function |native code|root:x:0|=> |undefined|NaN/;

/** Names as a clerk or an ERP may write them: accents, HTML's special characters, anything. */
const customerName = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc
    .array(fc.constantFrom('<', '>', '&', "'", '"', '/', '=', '`', 'José', ' ', '<script>', '{{x}}', 'Ç'), {
      minLength: 1,
      maxLength: 8,
    })
    .map((p) => p.join('')),
);

function contextWith(name: string, number: string): TemplateContext {
  const base = sampleContext();
  return {
    ...base,
    customer: { ...base.customer, name },
    invoice: { ...base.invoice, number },
    company: { ...base.company!, name: `${name} Telecom` },
  };
}

/** A message checked for the clerk, with the template tags it quotes left out of the check. */
const messageProblem = (m: string) => clerkMessageProblem(m.replace(/\{\{[^}]*\}\}\}?/g, ''));

describe('layouts under property tests', () => {
  it('a template is valid exactly when every name is in the catalogue; else each is named', () => {
    fc.assert(
      fc.property(templateArb(true), (template) => {
        const text = print(template);
        const bad = forbidden(template);
        const problems = validateLayout({ subject: 'Fatura', html: text });
        if (bad.length === 0) {
          expect(problems).toEqual([]);
          return;
        }
        const all = problems.map((p) => p.message).join('\n');
        for (const b of bad) expect(all, text).toContain(b);
        for (const p of problems) expect(messageProblem(p.message)).toBeNull();
      }),
      { numRuns: RUNS, seed },
    );
  });

  it('a valid template renders what the view holds and nothing else, escaped in HTML', () => {
    fc.assert(
      fc.property(
        templateArb(false),
        customerName,
        fc.string({ maxLength: 12 }),
        (template, name, number) => {
          const text = print(template);
          const ctx = contextWith(name, number);
          const view = templateView(ctx);
          const out = renderLayout({ subject: `Fatura ${text}`, html: `<div>${text}</div>` }, ctx);
          expect(out.html).toBe(`<div>${reference(template, view, true)}</div>`);
          expect(out.subject).toBe(`Fatura ${reference(template, view, false)}`.replace(/\s+/g, ' ').trim());
        },
      ),
      { numRuns: RUNS, seed },
    );
  });

  it('the pre-registered layouts escape any customer name in HTML', () => {
    const layouts = loadDefaultLayouts(assetsDir());
    fc.assert(
      fc.property(
        customerName.map((n) => `José <${n}> & "'`),
        fc.constantFrom(...layouts),
        (name, layout) => {
          const out = renderLayout(layout, contextWith(name, 'N1'));
          expect(out.html).not.toContain(name);
          expect(out.html).toContain(escapeHtml(name));
          expect(out.html).not.toMatch(LEAKS);
        },
      ),
      { numRuns: RUNS / 4, seed },
    );
  });
});

describe('layouts.save and layouts.preview under property tests', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi({ prefix: 'regua-layout-props-' });
  });
  afterAll(() => api.close());

  it('saved only when every variable is in the catalogue; refused naming it, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(templateArb(true), fc.boolean(), async (template, inSubject) => {
        const text = print(template);
        const bad = forbidden(template);
        const layout = {
          id: null,
          name: 'Aviso',
          subject: inSubject ? `Fatura ${text}` : 'Fatura {{fatura.numero}}',
          html: inSubject ? '<p>{{cliente.nome}}</p>' : `<p>${text}</p>`,
        };
        const before = await folderSnapshot(api.app.dataDir);
        const result = await api.call('layouts.save', layout);
        if (bad.length === 0) {
          expect(result.ok, JSON.stringify(result)).toBe(true);
          return;
        }
        const error = api.failure(result);
        expect(error.code).toBe('validation');
        const field = error.fieldErrors?.[inSubject ? 'subject' : 'html'] ?? '';
        for (const b of bad) expect(field, text).toContain(b);
        expect(messageProblem(error.message)).toBeNull();
        expect(messageProblem(field)).toBeNull();
        expect(await folderSnapshot(api.app.dataDir)).toEqual(before);
      }),
      { numRuns: RUNS / 4, seed, endOnFailure: true },
    );
  });

  it('a draft previews whatever it holds, reaching nothing outside the variables', async () => {
    await fc.assert(
      fc.asyncProperty(templateArb(true), async (template) => {
        const text = print(template);
        const preview = await api.ok<LayoutPreview>('layouts.preview', {
          subject: `Fatura ${text}`,
          html: `<p>${text}</p>`,
        });
        for (const part of [preview.subject, preview.html, preview.text]) expect(part).not.toMatch(LEAKS);
        expect(preview.problems.length > 0).toBe(forbidden(template).length > 0);
      }),
      { numRuns: RUNS / 4, seed, endOnFailure: true },
    );
  });
});
