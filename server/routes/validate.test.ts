import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, testApp, testdataDir } from '../testing.ts';

const { app } = testApp();
const good = readFileSync(join(testdataDir, 'rules/approval.work-order/1.1.0.yaml'), 'utf8');
const validate = (body: string, query = '', type = 'application/yaml') =>
  app.request(`/v1/validate${query}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('POST /v1/validate', () => {
  it('answers a valid document with valid: true (200)', async () => {
    const res = await validate(good);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ valid: true, diagnostics: [] });
  });

  it('accepts text/yaml and text/plain bodies', async () => {
    for (const type of ['text/yaml', 'text/plain; charset=utf-8']) {
      expect((await validate(good, '', type)).status).toBe(200);
    }
  });

  it('answers an invalid document with every diagnostic at file:line:col (422)', async () => {
    const broken = good
      .replace('hit: first', 'hit: frist')
      .replace('greaterThan: 20000', 'greaterThen: 20000');
    const res = await validate(broken);
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.valid).toBe(false);
    expect(body.diagnostics.map((d: { code: string }) => d.code)).toEqual(['schema_enum', 'op_unknown']);
    const line = broken.split('\n').indexOf('hit: frist') + 1;
    expect(body.diagnostics[0]).toMatchObject({ file: 'document.yaml', line, col: 6 });
  });

  it('adds each code’s summary in the language asked for, keeping the English detail', async () => {
    const broken = good.replace('hit: first', 'hit: frist');
    const zh = (await json(await validate(broken))).diagnostics[0];
    expect(zh).toMatchObject({ code: 'schema_enum', summary: '值不在允许的列表中' });
    expect(zh.message).toContain('must be one of');
    const en = (await json(await validate(broken, '?lang=en'))).diagnostics[0];
    expect(en).toMatchObject({
      code: 'schema_enum',
      summary: 'a value outside a fixed list',
      message: zh.message,
    });
  });

  it('refuses bilingual text with a field other than zh and en (text_invalid)', async () => {
    const res = await validate(good.replace(/^title: .*$/m, 'title: { zh: 审批, fr: Approbation }'));
    expect(res.status).toBe(422);
    const [d] = (await json(res)).diagnostics;
    expect(d).toMatchObject({ code: 'text_invalid', path: '/title', line: expect.any(Number) });
    expect(d.message).toContain('`fr`');
  });

  it('reports malformed YAML as a diagnostic, not as a malformed body', async () => {
    const res = await validate('kind: ruleset\nid: [unclosed\n');
    expect(res.status).toBe(422);
    expect((await json(res)).diagnostics[0].code).toBe('yaml_syntax');
  });

  it('checks id and version against ?file=', async () => {
    const res = await validate(good, '?file=rules/approval.work-order/1.2.0.yaml');
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.diagnostics).toEqual([
      expect.objectContaining({
        code: 'path_version_mismatch',
        file: 'rules/approval.work-order/1.2.0.yaml',
      }),
    ]);
  });

  it('checks a new version against the versions served (a change note is required)', async () => {
    const next = good.replace('version: 1.1.0', 'version: 1.2.0').replace(/^change: .*\n/m, '');
    const res = await validate(next, '?file=rules/approval.work-order/1.2.0.yaml');
    expect(res.status).toBe(422);
    expect((await json(res)).diagnostics.map((d: { code: string }) => d.code)).toEqual(['change_missing']);
  });

  it('accepts the served file itself under its own path', async () => {
    const res = await validate(good, '?file=rules/approval.work-order/1.1.0.yaml');
    expect(res.status).toBe(200);
  });

  it('answers a JSON body with content_type_unsupported (415)', async () => {
    const res = await validate('{}', '', 'application/json');
    expect(res.status).toBe(415);
    expect((await json(res)).error.code).toBe('content_type_unsupported');
  });

  it('answers a body over the limit with body_too_large (413)', async () => {
    const small = testApp({ bodyLimit: 100 }).app;
    const res = await small.request('/v1/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: good,
    });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('body_too_large');
  });

  it('answers an empty ?file= with query_invalid (400)', async () => {
    const res = await validate(good, '?file=');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('query_invalid');
  });
});
